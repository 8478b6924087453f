// Makes sure the ticket search attributes exist in a namespace. The dev server gets them as
// start flags; an external cluster gets them here, idempotently, when a worker starts.
import type { Connection } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import type { temporal as TemporalProto } from '@temporalio/proto';
// A CommonJS package whose named exports Node's ESM loader cannot see (tsx, `npm start`): take
// the default export at run time; the types come from the type-only import above.
import proto from '@temporalio/proto';
import { TICKET_SEARCH_ATTRIBUTES } from '../../workflows/ticket/search-attributes.js';

const { temporal } = proto;

const INDEXED_TYPE: Record<string, TemporalProto.api.enums.v1.IndexedValueType> = {
  INT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  BOOL: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  KEYWORD_LIST: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

const CLI_TYPE: Record<string, string> = { INT: 'Int', KEYWORD: 'Keyword', BOOL: 'Bool', KEYWORD_LIST: 'KeywordList' };

/** The Temporal CLI commands that register the attributes, for ops who do it by hand. */
export function searchAttributeCommands(namespace: string, keys: readonly { name: string; type: string }[]): string[] {
  return keys.map((key) => `temporal operator search-attribute create --namespace ${namespace} --name ${key.name} --type ${CLI_TYPE[key.type]}`);
}

/** `--search-attribute Name=Type` flags for `temporal server start-dev`. */
export function devServerSearchAttributeFlags(): string[] {
  return TICKET_SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${CLI_TYPE[key.type]}`]);
}

export async function ensureSearchAttributes(connection: Connection | NativeConnection, namespace: string): Promise<void> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = TICKET_SEARCH_ATTRIBUTES.filter((key) => !(key.name in (existing.customAttributes ?? {})));
  if (missing.length === 0) return;
  await addSearchAttributes(connection, namespace, missing);
}

/** Registers `keys` without asking first (the time-skipping test server cannot list them). */
export async function addSearchAttributes(connection: Connection | NativeConnection, namespace: string, keys: readonly { name: string; type: string }[] = TICKET_SEARCH_ATTRIBUTES): Promise<void> {
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(keys.map((key) => [key.name, INDEXED_TYPE[key.type]])),
  });
}
