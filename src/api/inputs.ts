// Input fields shared by the routers. Text must be storable and readable (workflows/ticket/text.ts):
// it is refused here, before it could reach a workflow whose projection would then fail to write it.
import { z } from 'zod';
import { MAX_TAGS } from '../../workflows/ticket/model.js';
import { normalizeTags, tagProblem } from '../../workflows/ticket/tags.js';
import { isStorableText, NOT_TEXT } from '../../workflows/ticket/text.js';

/** Trimmed free text of at most `max` characters. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(isStorableText, NOT_TEXT);

/** Trimmed free text that must not be empty. */
export const requiredText = (max: number, emptyMessage: string) =>
  z
    .string()
    .trim()
    .min(1, emptyMessage)
    .max(max)
    .refine(isStorableText, NOT_TEXT);

export const email = z.string().trim().toLowerCase().pipe(z.email('Enter a valid e-mail address.').max(254));

/** Ids of users and organizations. */
export const id = z.string().min(1).max(100).regex(/^[\w-]+$/, 'Not a valid id.');

export const ticketNumber = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** The client's id for one submission or action, so that a retried request does it only once. */
export const requestId = z.string().trim().min(8).max(100).regex(/^[\w.:-]+$/, 'Use letters, digits and - _ . : only.');

/** Tags as people type them, normalised ("Vélo " is vélo: workflows/ticket/tags.ts), each once. */
export const tagList = z
  .array(z.string().max(100).refine(isStorableText, NOT_TEXT))
  .max(MAX_TAGS)
  .transform(normalizeTags)
  .superRefine((tags, context) => {
    for (const tag of tags) {
      const problem = tagProblem(tag);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    }
  });

/** The ticket's version a person read before writing (a stale reply is refused: commands.ts). */
export const seenVersion = z.number().int().min(0).max(2_147_483_647);
