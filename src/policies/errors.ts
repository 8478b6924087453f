// What can go wrong saving a policy version, in words an admin can act on (mapped in src/api/errors.ts).

/** Someone saved another version since the one this change was based on: nothing was written. */
export class PolicyChangedError extends Error {
  constructor(what: string, current: number) {
    super(`The ${what} changed meanwhile (now version ${current}): reload it and make your change again.`);
    this.name = 'PolicyChangedError';
  }
}
