// The baseline's one activity: no I/O, so the baseline measures Temporal and the SDK alone.
export const baselineActivities = {
  async echo(input: string): Promise<string> {
    return input;
  },
};

export type BaselineActivities = typeof baselineActivities;
