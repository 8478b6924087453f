// Every error from the API becomes a sentence a person understands, in their language. The server's
// codes decide the sentence; a stack trace or a code never reaches the page.
import { TRPCClientError } from '@trpc/client';
import type { Messages } from '../i18n/en';

/** Field name → message, when the server says which fields are wrong. */
export type FieldErrors = Record<string, string>;

interface ErrorShape {
  code?: string;
  httpStatus?: number;
  path?: string;
  fieldErrors?: Record<string, string[] | string | undefined>;
  zodError?: { fieldErrors?: Record<string, string[] | undefined> };
  reason?: string;
}

function shapeOf(error: unknown): { data: ErrorShape; message: string } | null {
  if (error instanceof TRPCClientError) return { data: (error.data ?? {}) as ErrorShape, message: error.message };
  return null;
}

export function errorCode(error: unknown): string | undefined {
  return shapeOf(error)?.data.code;
}

const STATUS_WORDS = ['Open', 'Pending', 'On-hold', 'Solved', 'Closed'];

export function errorMessage(error: unknown, t: Messages, context: 'signIn' | 'token' | 'password' | 'default' = 'default'): string {
  const shape = shapeOf(error);
  if (!shape) return t.errors.server;
  const { data, message } = shape;
  // No response at all: the fetch itself failed.
  if (!data.code && !data.httpStatus) return t.errors.network;
  switch (data.code) {
    case 'UNAUTHORIZED':
      return context === 'signIn' ? t.errors.badCredentials : context === 'token' ? t.errors.badLink : t.errors.unauthorized;
    case 'FORBIDDEN':
      return t.errors.forbidden;
    case 'NOT_FOUND':
      return context === 'token' ? t.errors.badLink : t.errors.notFound;
    case 'CONFLICT': {
      // The server names the ticket's status in a refused transition; repeat it in the reader's language.
      const status = STATUS_WORDS.find((word) => new RegExp(`\\b${word}\\b`, 'i').test(message));
      return status ? t.errors.conflictStatus(status) : t.errors.conflict;
    }
    case 'TOO_MANY_REQUESTS':
      return t.errors.tooMany;
    case 'PAYLOAD_TOO_LARGE':
      return t.errors.tooLarge;
    case 'BAD_REQUEST':
    case 'UNPROCESSABLE_CONTENT':
      if (context === 'token') return fieldErrors(error).password ? t.errors.weakPassword : t.errors.badLink;
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

/** The server's per-field messages, when it sent them (zod's flattened errors). */
export function fieldErrors(error: unknown): FieldErrors {
  const shape = shapeOf(error);
  const raw = shape?.data.fieldErrors ?? shape?.data.zodError?.fieldErrors;
  if (!raw) return {};
  const out: FieldErrors = {};
  for (const [field, value] of Object.entries(raw)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first) out[field] = first;
  }
  return out;
}
