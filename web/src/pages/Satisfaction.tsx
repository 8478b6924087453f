// The satisfaction survey the e-mail after Solved links to: good or bad, and a comment if they
// like, without signing in (the link's secret is the only credential), in the language the e-mail
// was written in. Once the survey is over (answered, the ticket reopened since, or Closed) the page
// says so instead of asking.
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'wouter';
import { api } from '../api/client';
import { errorCode, fieldsInError } from '../api/errors';
import { ErrorNote, SuccessNote } from '../components/Alert';
import { ApiError } from '../components/ApiError';
import { Field } from '../components/Field';
import { useI18n } from '../i18n';
import { isLang } from '../i18n/languages';
import { formatCount } from '../lib/numbers';
import { useAction } from '../lib/use-action';
import { useAsync } from '../lib/use-async';
import { useErrorFocus } from '../lib/use-error-focus';
import { useTitle } from '../lib/use-title';
import { MAX_SATISFACTION_COMMENT_LENGTH, type SatisfactionRating } from '../../../workflows/ticket/model';
import { isStorableText } from '../../../workflows/ticket/text';

type Survey = Awaited<ReturnType<typeof api.satisfaction.survey.query>>;

export function Satisfaction() {
  const { t, lang, setLang } = useI18n();
  const s = t.satisfaction;
  const [search] = useSearchParams();
  const token = search.get('token') ?? '';
  // The e-mail's language, once: the language switch still works after it.
  const asked = search.get('lang');
  useEffect(() => {
    if (isLang(asked) && asked !== lang) setLang(asked);
  }, [asked]);
  useTitle(s.title);
  const loaded = useAsync(() => (token ? api.satisfaction.survey.query({ token }) : Promise.resolve(null)), [token]);
  // What the last answer left, so that the thanks show without another round trip.
  const [answered, setAnswered] = useState<Survey | null>(null);
  const survey = answered ?? loaded.data;

  let body;
  if (!token) body = <ErrorNote>{s.missingLink}</ErrorNote>;
  else if (loaded.error) body = errorCode(loaded.error) === 'NOT_FOUND' ? <ErrorNote>{s.unknownLink}</ErrorNote> : <ApiError error={loaded.error} />;
  else if (!survey) body = <p aria-busy="true">{t.common.loading}</p>;
  else if (survey.state === 'open') body = <RatingForm survey={survey} token={token} onAnswered={setAnswered} onOver={loaded.reload} />;
  else body = <SurveyOver survey={survey} justAnswered={answered !== null} />;
  return (
    <section className="card narrow">
      <h1>{s.title}</h1>
      {body}
    </section>
  );
}

function SurveyOver({ survey, justAnswered }: { survey: Survey; justAnswered: boolean }) {
  const { t } = useI18n();
  const s = t.satisfaction;
  const words = { answered: justAnswered ? s.thanks(survey.number) : s.answered(survey.number, survey.rating === 'good'), reopened: s.reopened(survey.number), closed: s.closed(survey.number), open: '' };
  return (
    <>
      {justAnswered ? <SuccessNote>{words.answered}</SuccessNote> : <p className="alert alert--info">{words[survey.state]}</p>}
      <p>
        <Link href={`/tickets/${survey.number}`}>{s.openTicket}</Link>
      </p>
    </>
  );
}

function RatingForm({ survey, token, onAnswered, onOver }: { survey: Survey; token: string; onAnswered(survey: Survey): void; onOver(): void }) {
  const { t, lang } = useI18n();
  const s = t.satisfaction;
  const [rating, setRating] = useState<SatisfactionRating | null>(null);
  const [comment, setComment] = useState('');
  const [found, setFound] = useState<{ rating?: string; comment?: string }>({});
  const action = useAction();
  const { ref, focusFirstError } = useErrorFocus<HTMLFormElement>();
  const max = formatCount(MAX_SATISFACTION_COMMENT_LENGTH, lang);
  const refusedComment = fieldsInError(action.error).has('comment');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = comment.trim();
    const problems = {
      rating: rating === null ? s.chooseOne : undefined,
      comment: trimmed.length > MAX_SATISFACTION_COMMENT_LENGTH ? s.commentTooLong(max) : !isStorableText(trimmed) ? s.commentNotText : undefined,
    };
    setFound(problems);
    if (problems.rating || problems.comment || rating === null) {
      action.clear();
      focusFirstError();
      return;
    }
    const ok = await action.run(async () => {
      try {
        onAnswered(await api.satisfaction.rate.mutate({ token, rating, comment: trimmed }));
      } catch (error) {
        // Answered meanwhile (another tab), reopened or closed: the page reads the survey again and says which.
        if (errorCode(error) !== 'CONFLICT') throw error;
        onOver();
      }
    });
    if (!ok) focusFirstError();
  }

  const commentError = found.comment ?? (refusedComment ? s.commentNotText : undefined);
  return (
    <form ref={ref} onSubmit={submit} noValidate>
      <p>{s.intro(survey.number, survey.subject)}</p>
      {!refusedComment && <ApiError error={action.error} />}
      <fieldset className={found.rating ? 'reply-kind field--invalid' : 'reply-kind'} aria-describedby={found.rating ? 'rating-error' : undefined}>
        <legend>{s.question}</legend>
        {found.rating && (
          <p id="rating-error" className="field-error">
            {found.rating}
          </p>
        )}
        {(['good', 'bad'] as const).map((value) => (
          <label key={value} className={rating === value ? 'toggle toggle--on' : 'toggle'}>
            <input type="radio" name="rating" value={value} checked={rating === value} aria-invalid={found.rating ? true : undefined} onChange={() => setRating(value)} />
            {s[value]}
          </label>
        ))}
      </fieldset>
      <Field label={s.comment} hint={s.commentHint(max)} error={commentError}>
        <textarea name="comment" rows={4} value={comment} onChange={(e) => setComment(e.target.value)} />
      </Field>
      <button type="submit" className="primary" disabled={action.busy}>
        {s.send}
      </button>
    </form>
  );
}
