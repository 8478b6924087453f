// Makes the namespace ready for tickets: created if the cluster does not have it, with the ticket
// search attributes registered. The dev server gets both as start flags; a real cluster may be
// new, so each worker does this when it starts. Where the worker may not (a cluster that keeps
// namespace and attribute changes for its operators), it says exactly which commands ops must run.
import { isGrpcServiceError, type Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time.js';
import type { NativeConnection } from '@temporalio/worker';
import { TICKET_SEARCH_ATTRIBUTES } from '../../workflows/ticket/search-attributes.js';
import { ensureSearchAttributes, searchAttributeCommands } from './search-attributes.js';

const NOT_FOUND = 5;
const ALREADY_EXISTS = 6;
const PERMISSION_DENIED = 7;
const UNAUTHENTICATED = 16;

/** Ops' own way, when the worker may not do it: the same, with the Temporal CLI. */
export class NamespaceSetupError extends Error {
  constructor(what: string, commands: string[], cause: unknown) {
    super(`The worker may not ${what} (${cause instanceof Error ? cause.message : String(cause)}). Run, once:\n  ${commands.join('\n  ')}`, { cause });
    this.name = 'NamespaceSetupError';
  }
}

const refused = (error: unknown) => isGrpcServiceError(error) && (error.code === PERMISSION_DENIED || error.code === UNAUTHENTICATED);

export async function prepareNamespace(connection: Connection | NativeConnection, namespace: string, retentionMs: number): Promise<void> {
  const createCommand = `temporal operator namespace create --namespace ${namespace} --retention ${Math.round(retentionMs / 3_600_000)}h`;
  try {
    await connection.workflowService.describeNamespace({ namespace });
  } catch (error) {
    if (!isGrpcServiceError(error) || error.code !== NOT_FOUND) throw error;
    try {
      await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(retentionMs) });
    } catch (registering) {
      if (refused(registering)) throw new NamespaceSetupError(`create the namespace ${namespace}`, [createCommand, ...searchAttributeCommands(namespace, TICKET_SEARCH_ATTRIBUTES)], registering);
      if (!isGrpcServiceError(registering) || registering.code !== ALREADY_EXISTS) throw registering;
    }
  }
  // A namespace just made is served once every service of the cluster has read it: seconds.
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await ensureSearchAttributes(connection, namespace);
      return;
    } catch (error) {
      if (refused(error)) throw new NamespaceSetupError(`register the ticket search attributes in ${namespace}`, searchAttributeCommands(namespace, TICKET_SEARCH_ATTRIBUTES), error);
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
