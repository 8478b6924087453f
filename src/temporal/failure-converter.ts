// Failures' messages and stack traces travel as an encoded payload, which the codec encrypts
// (codec.ts): a failure can quote a ticket's text (a Postgres error about a value, a refusal).
// Loaded by path, by clients and workers and inside the workflow bundle, as the SDK requires.
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
