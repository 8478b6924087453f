// Support Ops' suspended e-mails: what the support mailbox brought that the desk would not add to
// a ticket by itself (src/mail/inbound/receive.ts: a sender who does not take part in the ticket,
// a reply address used by someone else, an answer to none of the desk's e-mails). Each one shows
// who sent it, when, the ticket it seems to answer, the reason as the server recorded it (in
// English, so marked as such) and its text. It is released onto a ticket (that one, or another
// one), as its sender's reply, or discarded after a confirmation. After either, the keyboard goes
// to the sentence that says what happened; after a refusal, to what says why.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { Link } from 'wouter';
import { api } from '../api/client';
import { errorCode, errorMessage, fieldsInError, releaseProblem } from '../api/errors';
import type { SuspendedEmail } from '../api/types';
import { ErrorNote } from '../components/Alert';
import { ApiError } from '../components/ApiError';
import { Confirm } from '../components/Confirm';
import { When } from '../components/When';
import { useI18n } from '../i18n';
import { useAction } from '../lib/use-action';
import { useAsync } from '../lib/use-async';
import { useErrorFocus } from '../lib/use-error-focus';
import { useTitle } from '../lib/use-title';

export const SUSPENDED_EMAILS_PATH = '/agent/suspended-emails';

/** What became of the last e-mail acted on, said above the list. */
type Outcome = { kind: 'released'; number: number } | { kind: 'discarded' } | { kind: 'gone' } | { kind: 'notAdded'; number: number };

export function SuspendedEmails() {
  const { t } = useI18n();
  useTitle(t.suspended.title);
  const list = useAsync(() => api.inbound.suspended.query(), []);
  // Counted, so that the same outcome twice in a row takes the focus again.
  const [outcome, setOutcome] = useState<{ what: Outcome; count: number } | null>(null);
  // Released or discarded: gone from the list at once, while it is loaded again behind them.
  const [settled, setSettled] = useState<ReadonlySet<number>>(new Set());
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  function settle(id: number, what: Outcome) {
    if (what.kind === 'released' || what.kind === 'discarded') setSettled((before) => new Set(before).add(id));
    setOutcome((before) => ({ what, count: (before?.count ?? 0) + 1 }));
    list.reload();
  }

  const mails = list.data?.filter((mail) => !settled.has(mail.id));
  return (
    <>
      <h1>{t.suspended.title}</h1>
      <p className="lead">{t.suspended.intro}</p>
      <div className="actions">
        <button type="button" onClick={list.reload} disabled={list.loading}>
          {t.suspended.reload}
        </button>
      </div>
      {outcome && <OutcomeNote key={outcome.count} what={outcome.what} noteRef={outcomeRef} />}
      <ApiError error={list.error} />
      {list.loading && !list.data ? <p aria-busy="true">{t.common.loading}</p> : null}
      {mails &&
        (mails.length === 0 ? (
          <p className="empty">{t.suspended.empty}</p>
        ) : (
          <ul className="suspended-list" aria-label={t.suspended.list}>
            {mails.map((mail) => (
              <li key={mail.id}>
                <SuspendedItem mail={mail} onSettled={(what) => settle(mail.id, what)} />
              </li>
            ))}
          </ul>
        ))}
    </>
  );
}

function OutcomeNote({ what, noteRef }: { what: Outcome; noteRef: RefObject<HTMLParagraphElement | null> }) {
  const { t } = useI18n();
  let text: ReactNode;
  let failed = false;
  switch (what.kind) {
    case 'released':
      text = (
        <>
          {t.suspended.released(what.number)} <Link href={`/tickets/${what.number}`}>{t.suspended.openTicket(what.number)}</Link>
        </>
      );
      break;
    case 'discarded':
      text = t.suspended.discarded;
      break;
    case 'gone':
      text = t.suspended.gone;
      failed = true;
      break;
    case 'notAdded':
      text = t.suspended.notAdded(what.number);
      failed = true;
      break;
  }
  return (
    <p ref={noteRef} tabIndex={-1} className={failed ? 'alert alert--error' : 'alert alert--success'} role={failed ? 'alert' : 'status'} data-testid="suspended-outcome">
      {text}
    </p>
  );
}

/** A ticket number as typed ("12" or "#12"), or NaN. */
const parseNumber = (typed: string) => (/^#?\d{1,15}$/.test(typed) ? Number(typed.replace('#', '')) : Number.NaN);

function SuspendedItem({ mail, onSettled }: { mail: SuspendedEmail; onSettled(what: Outcome): void }) {
  const { t } = useI18n();
  const id = useId();
  const [number, setNumber] = useState(mail.ticketNumber === null ? '' : String(mail.ticketNumber));
  const [numberProblem, setNumberProblem] = useState<'need' | 'bad' | null>(null);
  // The ticket the last release was tried on, which its refusal names.
  const [tried, setTried] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [backToDiscard, setBackToDiscard] = useState(0);
  const action = useAction();
  const { ref, focusFirstError } = useErrorFocus<HTMLElement>();
  const discardButton = useRef<HTMLButtonElement>(null);

  // Asked to confirm, the keyboard goes to the way out ("Keep it") inside the question's group, so
  // that the question is read first and Enter loses nothing; leaving it, back to Discard.
  useEffect(() => {
    if (backToDiscard > 0) discardButton.current?.focus();
  }, [backToDiscard]);

  const code = errorCode(action.error);
  // The server says why it refused (data.problem): each said in the reader's words, where it belongs.
  const problem = releaseProblem(action.error);
  const numberError =
    numberProblem === 'need' || problem === 'noTicket'
      ? t.suspended.needNumber
      : numberProblem === 'bad' || (!problem && fieldsInError(action.error).has('number'))
        ? t.suspended.badNumber
        : undefined;
  // Gone or not added: said above the list, which is loaded again.
  const itemError =
    !action.error || numberError || code === 'NOT_FOUND' || code === 'CONFLICT'
      ? null
      : problem === 'noAccount'
        ? t.suspended.noAccount
        : problem === 'notOnTicket' && tried !== null
          ? t.suspended.notOnTicket(tried)
          : errorMessage(action.error, t);

  /** Runs a release or a discard; the error as thrown, or null when it went through. */
  async function attempt(work: () => Promise<unknown>): Promise<{ ok: boolean; failure: unknown }> {
    let failure: unknown = null;
    const ok = await action.run(async () => {
      try {
        await work();
      } catch (error) {
        failure = error;
        throw error;
      }
    });
    return { ok, failure };
  }

  async function release(event: FormEvent) {
    event.preventDefault();
    setConfirming(false);
    const typed = number.trim();
    const target = typed === '' ? mail.ticketNumber : parseNumber(typed);
    const problem = target === null ? 'need' : !Number.isSafeInteger(target) || target < 1 ? 'bad' : null;
    setNumberProblem(problem);
    if (problem || target === null) {
      action.clear();
      focusFirstError();
      return;
    }
    setTried(target);
    const { ok, failure } = await attempt(() => api.inbound.release.mutate({ id: mail.id, number: target }));
    if (ok) onSettled({ kind: 'released', number: target });
    else if (errorCode(failure) === 'NOT_FOUND') onSettled({ kind: 'gone' });
    else if (errorCode(failure) === 'CONFLICT') onSettled({ kind: 'notAdded', number: target });
    else focusFirstError();
  }

  async function discard() {
    const { ok, failure } = await attempt(() => api.inbound.discard.mutate({ id: mail.id }));
    if (ok) onSettled({ kind: 'discarded' });
    else if (errorCode(failure) === 'NOT_FOUND') onSettled({ kind: 'gone' });
    else {
      setConfirming(false);
      focusFirstError();
    }
  }

  function keep() {
    setConfirming(false);
    setBackToDiscard((n) => n + 1);
  }

  const subject = mail.subject ? <span translate="no">{mail.subject}</span> : t.suspended.noSubject;
  // The buttons of each e-mail name it, for those who hear the buttons of the page in a list.
  const whose = (
    <span className="visually-hidden">
      {' '}
      {subject}
    </span>
  );
  const describedBy = [`${id}-hint`, numberError && `${id}-error`].filter(Boolean).join(' ');

  return (
    <article ref={ref} className="suspended" aria-labelledby={`${id}-subject`} data-testid="suspended-email">
      <h2 id={`${id}-subject`}>{subject}</h2>
      <dl className="facts">
        <div>
          <dt>{t.suspended.from}</dt>
          <dd className="address" translate="no">
            {mail.from || '—'}
          </dd>
        </div>
        <div>
          <dt>{t.suspended.received}</dt>
          <dd>
            <When at={mail.receivedAt} />
          </dd>
        </div>
        <div>
          <dt>{t.suspended.seemsToAnswer}</dt>
          <dd>{mail.ticketNumber === null ? t.suspended.noTicket : <Link href={`/tickets/${mail.ticketNumber}`}>#{mail.ticketNumber}</Link>}</dd>
        </div>
        <div>
          <dt>{t.suspended.reason}</dt>
          {/* The server's words, in English: a screen reader reads them as English. */}
          <dd lang="en" translate="no" data-testid="suspended-reason">
            {mail.reason || '—'}
          </dd>
        </div>
        <div className="facts__text">
          <dt>{t.suspended.text}</dt>
          {mail.body ? (
            <dd className="message__body" translate="no">
              {mail.body}
            </dd>
          ) : (
            <dd className="hint">{t.suspended.noText}</dd>
          )}
        </div>
      </dl>
      <ErrorNote>{itemError}</ErrorNote>
      <form className="inline-form" onSubmit={release} noValidate>
        <label htmlFor={`${id}-number`}>{t.suspended.releaseTo}</label>
        <p className="hint" id={`${id}-hint`}>
          {t.suspended.releaseHint(mail.ticketNumber)}
        </p>
        {numberError && (
          <p className="field-error" id={`${id}-error`}>
            {numberError}
          </p>
        )}
        <div className={numberError ? 'inline-form__row field--invalid' : 'inline-form__row'}>
          <input
            id={`${id}-number`}
            type="text"
            name="number"
            inputMode="numeric"
            autoComplete="off"
            className="ticket-number-input"
            value={number}
            onChange={(event) => {
              setNumber(event.target.value);
              setNumberProblem(null);
            }}
            aria-describedby={describedBy}
            aria-invalid={numberError ? true : undefined}
          />
          <button type="submit" className="primary" disabled={action.busy}>
            {t.suspended.release}
            {whose}
          </button>
        </div>
      </form>
      {!confirming ? (
        <div className="actions">
          <button
            type="button"
            ref={discardButton}
            disabled={action.busy}
            onClick={() => {
              action.clear();
              setConfirming(true);
            }}
          >
            {t.suspended.discard}
            {whose}
          </button>
        </div>
      ) : (
        <Confirm danger question={t.suspended.confirmDiscard} go={t.suspended.discardForGood} keep={t.suspended.keep} busy={action.busy} onGo={discard} onKeep={keep} />
      )}
    </article>
  );
}
