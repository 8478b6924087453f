// satisfaction.*: the survey a requester answers from the link in its e-mail, without signing in.
// The link's secret is the only credential: it names one survey of one ticket, for its requester.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { answerSurvey, surveyView, UnknownSurveyLinkError } from '../../satisfaction/survey.js';
import { MAX_SATISFACTION_COMMENT_LENGTH, SATISFACTION_RATINGS } from '../../../workflows/ticket/model.js';
import { isStorableText, NOT_TEXT } from '../../../workflows/ticket/text.js';
import { publicProcedure, router } from '../trpc.js';

const token = z.string().min(20).max(200);

const comment = z
  .string()
  .trim()
  .max(MAX_SATISFACTION_COMMENT_LENGTH, `A comment is at most ${MAX_SATISFACTION_COMMENT_LENGTH.toLocaleString('en')} characters.`)
  .refine(isStorableText, NOT_TEXT)
  .default('');

/** An unknown link is NOT_FOUND, so a client can tell it from a survey that is over (CONFLICT). */
async function withLink<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof UnknownSurveyLinkError) throw new TRPCError({ code: 'NOT_FOUND', message: error.message, cause: error });
    throw error;
  }
}

export const satisfactionRouter = router({
  /** The ticket the survey is about, and whether it may still be answered. */
  survey: publicProcedure.input(z.object({ token })).query(({ ctx, input }) => withLink(() => surveyView(ctx.deps.db, input.token))),

  /** The answer: good or bad, and a comment if they like; refused (CONFLICT) once the survey is over. */
  rate: publicProcedure
    .input(z.object({ token, rating: z.enum(SATISFACTION_RATINGS), comment }))
    .mutation(({ ctx, input }) => withLink(() => answerSurvey(ctx.deps, input.token, { rating: input.rating, comment: input.comment }))),
});
