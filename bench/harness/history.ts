// What one workflow costs the Temporal server, independent of machine load: the events in its
// history (each one persisted by the server) up to a point.
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';

const EventType = proto.temporal.api.enums.v1.EventType;

/** Event type names of a workflow's history, e.g. WORKFLOW_TASK_COMPLETED, shortened. */
export async function historyEvents(client: Client, workflowId: string): Promise<string[]> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).map((event) => (EventType[event.eventType ?? 0] ?? String(event.eventType)).replace(/^EVENT_TYPE_/, ''));
}
