// Every error from the API becomes a sentence a person understands, in their language. The server's
// code and its typed error data decide the sentence: a refusal's reason and the ticket's status
// (data.refusal), the fields in error (data.fieldErrors), what is wrong with them where the server
// names it (data.problem: the files a message named). The server's English message is never
// shown nor read, so the French portal depends on no English wording.
import { TRPCClientError } from '@trpc/client';
import type { AppRouter } from '../../../src/api/router.js';
import type { Messages } from '../i18n/en.js';
import type { Refusal } from './types.js';

/** What a sentence is about, where one code means different things (UNAUTHORIZED at sign-in…). */
export type ErrorContext = 'signIn' | 'token' | 'password' | 'default';

function isApiError(error: unknown): error is TRPCClientError<AppRouter> {
  return error instanceof TRPCClientError;
}

/** The error's typed data; undefined when no answer came (the request itself failed). */
const dataOf = (error: unknown) => (isApiError(error) ? error.data : undefined);

export function errorCode(error: unknown): string | undefined {
  return dataOf(error)?.code;
}

/** The names of the fields the server found wrong (data.fieldErrors). Its messages are English: not shown. */
export function fieldsInError(error: unknown): ReadonlySet<string> {
  const fields = dataOf(error)?.fieldErrors ?? {};
  return new Set(Object.keys(fields).filter((field) => fields[field]?.length));
}

/** Why the server would not take the files a message named (data.problem), when it says. */
export type FilesProblem = 'filesGone' | 'filesTooLarge';

export function filesProblem(error: unknown): FilesProblem | null {
  const problem = dataOf(error)?.problem;
  return problem === 'filesGone' || problem === 'filesTooLarge' ? problem : null;
}

/** Why a suspended e-mail's release was refused (data.problem): no ticket named, a sender without an account, or one not on the ticket. */
export type ReleaseProblem = 'noTicket' | 'noAccount' | 'notOnTicket';

export function releaseProblem(error: unknown): ReleaseProblem | null {
  const problem = dataOf(error)?.problem;
  return problem === 'noTicket' || problem === 'noAccount' || problem === 'notOnTicket' ? problem : null;
}

/**
 * What to say beside a message's files when the server refused them, or null when it did not: one
 * is no longer there (already sent, or removed a day after its upload), or together they are over
 * the limit per message. The portal checks that limit first, so the server's has changed since
 * the page was opened: no size is said, the one the page knows being the wrong one.
 */
export function filesRefusal(error: unknown, t: Messages): string | null {
  if (!fieldsInError(error).has('attachmentIds')) return null;
  switch (filesProblem(error)) {
    case 'filesGone':
      return t.files.refusedGone;
    case 'filesTooLarge':
      return t.files.refusedTooMuch;
    default:
      return t.files.refused;
  }
}

export function errorMessage(error: unknown, t: Messages, context: ErrorContext = 'default'): string {
  if (!isApiError(error)) return t.errors.server;
  const data = error.data;
  // No answer at all: the fetch itself failed.
  if (!data?.code) return t.errors.network;
  return answerMessage({ code: data.code, refusal: data.refusal ?? null }, t, context, fieldsInError(error));
}

/**
 * The sentence for what the server answered: its code and, when the ticket said no, the refusal.
 * An error's (errorMessage), or one ticket's result in a bulk change, which carries the same two.
 * `fields`: the fields the server found wrong, which decide between two sentences of a link's page.
 */
export function answerMessage(answer: { code: string; refusal: Refusal | null }, t: Messages, context: ErrorContext = 'default', fields: ReadonlySet<string> = new Set()): string {
  const { refusal } = answer;
  if (refusal) {
    switch (refusal.reason) {
      case 'transition':
        // The ticket's status is why: named in the reader's words.
        return refusal.status ? t.errors.refused(t.status[refusal.status]) : t.errors.conflict;
      case 'forbidden':
        return t.errors.forbidden;
      case 'invalid':
        return t.errors.refusedInput;
    }
  }
  switch (answer.code) {
    case 'UNAUTHORIZED':
      return context === 'signIn' ? t.errors.badCredentials : context === 'token' ? t.errors.badLink : t.errors.unauthorized;
    case 'FORBIDDEN':
      return t.errors.forbidden;
    case 'NOT_FOUND':
      return context === 'token' ? t.errors.badLink : t.errors.notFound;
    case 'CONFLICT':
      return t.errors.conflict;
    case 'TOO_MANY_REQUESTS':
      return t.errors.tooMany;
    case 'PAYLOAD_TOO_LARGE':
      return t.errors.tooLarge;
    case 'BAD_REQUEST':
    case 'UNPROCESSABLE_CONTENT':
      if (context === 'token') return fields.has('password') ? t.errors.weakPassword : t.errors.badLink;
      if (context === 'password') return t.errors.weakPassword;
      return t.errors.badInput;
    case 'TIMEOUT':
    case 'SERVICE_UNAVAILABLE':
    case 'GATEWAY_TIMEOUT':
      return t.errors.unavailable;
    default:
      return t.errors.server;
  }
}
