// What a bulk change did, ticket by ticket: those it changed, and those it did not with why, in the
// reader's words (lib/bulk-sentences.ts). The refused stay selected in the queue, to act on again;
// those the server could not reach, or a request that got no answer, can be sent again as they were.
import { useEffect, useId, useRef } from 'react';
import { errorCode } from '../api/errors';
import type { BulkResult } from '../api/types';
import { useI18n } from '../i18n';
import { resultSentence } from '../lib/bulk-sentences';
import type { BulkChanger } from '../lib/use-bulk-change';
import { ApiError } from './ApiError';

/** No answer came, or the server was busy: the same request may land if sent again. A request refused as a whole would be refused again. */
const RESENDABLE = new Set(['TIMEOUT', 'SERVICE_UNAVAILABLE', 'GATEWAY_TIMEOUT', 'INTERNAL_SERVER_ERROR', 'TOO_MANY_REQUESTS']);
function worthResending(error: unknown): boolean {
  if (!error) return false;
  const code = errorCode(error);
  return code === undefined || RESENDABLE.has(code);
}

export function BulkResults({ bulk }: { bulk: BulkChanger }) {
  const { t } = useI18n();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const { last } = bulk;
  const answer = last?.answer ?? null;
  // The answer, or the failure, is where the reader goes next: the focus takes them there.
  useEffect(() => {
    if (answer || bulk.error) heading.current?.focus();
  }, [answer, bulk.error]);
  if (!last) return null;

  const change = last.input.change;
  const sentence = (result: BulkResult) => resultSentence(result, change, t, last.assigneeName);
  const unchanged = answer?.results.filter((r) => r.outcome !== 'done') ?? [];
  const changed = answer?.results.filter((r) => r.outcome === 'done') ?? [];
  const summary = answer && [t.bulk.changedCount(answer.done), answer.refused > 0 && t.bulk.refusedCount(answer.refused), answer.failed > 0 && t.bulk.failedCount(answer.failed)].filter(Boolean).join(', ');
  const mayRetry = !bulk.busy && (worthResending(bulk.error) || (answer?.failed ?? 0) > 0);

  return (
    <section aria-labelledby={`${id}-title`} className="bulk-results" aria-busy={bulk.busy}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {t.bulk.results}
      </h2>
      {bulk.busy && <p role="status">{t.bulk.applying(last.input.numbers.length)}</p>}
      <ApiError error={bulk.error} />
      {summary && <p className="bulk-results__summary">{summary}</p>}
      <ResultList title={t.bulk.refusedList} results={unchanged} sentence={sentence} className="bulk-results__list bulk-results__list--refused" />
      <ResultList title={t.bulk.doneList} results={changed} sentence={sentence} className="bulk-results__list" />
      <div className="actions">
        {mayRetry && (
          <button type="button" className="primary" onClick={() => void bulk.retry()}>
            {t.bulk.retry}
          </button>
        )}
        {!bulk.busy && (
          <button type="button" onClick={bulk.dismiss}>
            {t.bulk.dismiss}
          </button>
        )}
      </div>
    </section>
  );
}

function ResultList({ title, results, sentence, className }: { title: string; results: BulkResult[]; sentence(result: BulkResult): string; className: string }) {
  if (results.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul className={className}>
        {results.map((result) => (
          <li key={result.number}>{sentence(result)}</li>
        ))}
      </ul>
    </>
  );
}
