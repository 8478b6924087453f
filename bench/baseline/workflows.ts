// The bare-Temporal baseline: the least a workflow with one activity can cost on the same server,
// so that ticket creation can be read as a ratio of it.
import { proxyActivities } from '@temporalio/workflow';
import type { BaselineActivities } from './activities.js';

const { echo } = proxyActivities<BaselineActivities>({ startToCloseTimeout: '30 seconds' });

export async function baselineWorkflow(input: string): Promise<string> {
  return echo(input);
}
