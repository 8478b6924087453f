// Update ids the ticket has applied, and the version each one made. Temporal recognises an
// update id again only within one run; a client that sends an update once more after a
// continue-as-new (its own retry, or the SDK's after a lost answer) would otherwise have it
// applied twice. The ids travel to the next run with the state, a bounded number of them.
// Pure data: the workflow drives it.

/** Enough for every update a client could still be retrying: a run ends after about a thousand events. */
export const APPLIED_UPDATES_KEPT = 1_000;

export class AppliedUpdates {
  private readonly versions: Map<string, number>;

  constructor(carried: Array<[id: string, version: number]> = []) {
    this.versions = new Map(carried);
  }

  /** The version the update made, if it was applied here or in a run before. */
  versionOf(id: string | undefined): number | undefined {
    return id === undefined ? undefined : this.versions.get(id);
  }

  record(id: string | undefined, version: number): void {
    if (id === undefined) return;
    this.versions.set(id, version);
    // A Map keeps insertion order: the oldest go first.
    for (const oldest of this.versions.keys()) {
      if (this.versions.size <= APPLIED_UPDATES_KEPT) break;
      this.versions.delete(oldest);
    }
  }

  /** The newest ids, oldest first, for the next run. */
  carry(): Array<[id: string, version: number]> {
    return [...this.versions];
  }
}
