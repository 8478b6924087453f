// What can go wrong with access, in words a person can act on. The API maps these to codes.

/** Too many attempts from this account or address; try again later. */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`);
    this.name = 'RateLimitedError';
  }
}

/** Deliberately vague: it must not tell whether the e-mail has an account. */
export class BadCredentialsError extends Error {
  constructor() {
    super('The e-mail or the password is not right.');
    this.name = 'BadCredentialsError';
  }
}

export class InvalidLinkError extends Error {
  constructor() {
    super('This link is not valid any more (it was already used or it expired); ask for a new one.');
    this.name = 'InvalidLinkError';
  }
}

/** A field the person must change; `field` names it for the form. */
export class InvalidFieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
    /** What is wrong, as a word a client can say in its reader's language (data.problem). */
    readonly problem: string | null = null,
  ) {
    super(message);
    this.name = 'InvalidFieldError';
  }
}
