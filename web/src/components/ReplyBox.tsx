// Answering a ticket. Requesters and CC'd users write a reply (warned first when it will reopen a
// Solved ticket). Support Ops choose a public reply or an internal note, told apart by words, colour
// and border, and may send the reply "as" another status. Each kind of message is confirmed once sent.
// Any of them may bring files (a photo of the broken dock is an answer too, even without text).
// Support Ops may fill it with a canned reply (MacroPicker), review and change the text, and send
// it with the canned reply's actions in one change (macros.send). Their replies carry the version
// of the ticket they wrote against (lib/use-seen-version.ts): one sent after a colleague answered
// or changed the ticket is refused as stale, the draft kept and what changed said.
// Requesters' replies do not: an internal note moves the version too, and they would be told of
// a change they cannot see.
import { TRPCClientError } from '@trpc/client';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AppRouter } from '../../../src/api/router';
import { MAX_BODY_LENGTH, SETTABLE_STATUSES, type SettableStatus } from '../../../workflows/ticket/model';
import { api } from '../api/client';
import { errorCode, fieldsInError, filesRefusal } from '../api/errors';
import type { RenderedMacro, Ticket, TicketComment } from '../api/types';
import { useI18n } from '../i18n';
import type { Messages } from '../i18n/en';
import { actionLines, renderedAssignee } from '../lib/macro-actions';
import { newRequestId } from '../lib/request-id';
import { useAction } from '../lib/use-action';
import { useErrorFocus } from '../lib/use-error-focus';
import { useSeenVersion } from '../lib/use-seen-version';
import { useUploads } from '../lib/use-uploads';
import { ErrorNote, SuccessNote } from './Alert';
import { ApiError } from './ApiError';
import { AttachFiles } from './AttachFiles';
import { MacroActionList } from './MacroActionList';
import { MacroPicker } from './MacroPicker';
import { StaleNotice } from './StaleNotice';
import { TheirWords } from './TheirWords';

type Sent = { kind: 'reply' } | { kind: 'note' } | { kind: 'status'; status: SettableStatus } | { kind: 'macro'; title: string };

/** The canned reply in the box, and the text the box held before it (given back when it is taken out). */
interface Applied {
  macro: RenderedMacro;
  before: string;
}

/** Why the server would not send a canned reply, in the reader's words; null when the usual sentence says it. */
function macroRefusal(error: unknown, t: Messages): string | null {
  if (!error) return null;
  const refusal = refusalOf(error);
  if (refusal?.reason === 'invalid') return t.macros.refusedInvalid;
  if (refusal?.reason === 'transition' && refusal.status) return t.macros.refusedStatus(t.status[refusal.status]);
  if (errorCode(error) === 'NOT_FOUND') return t.macros.gone;
  // The one input the server checks beyond the fields: the canned reply's assignee has left Support Ops.
  if (errorCode(error) === 'BAD_REQUEST' && fieldsInError(error).size === 0) return t.macros.refusedAssignee;
  return null;
}

/** Why the ticket said no (data.refusal), when it did. */
const refusalOf = (error: unknown) => (error instanceof TRPCClientError ? ((error as TRPCClientError<AppRouter>).data?.refusal ?? null) : null);
const isStale = (error: unknown) => refusalOf(error)?.reason === 'stale';

/**
 * `asSupport`: may write internal notes, change the status with the reply and apply canned
 * replies. `onDrafting`: whether the box holds text (Support Ops' presence says they are replying).
 */
export function ReplyBox({
  ticket,
  conversation,
  meId,
  asSupport,
  onSent,
  onDrafting,
}: {
  ticket: Ticket;
  conversation: TicketComment[];
  meId: string;
  asSupport: boolean;
  onSent(): void;
  onDrafting?(drafting: boolean): void;
}) {
  const { t } = useI18n();
  const { number, status } = ticket;
  const [kind, setKind] = useState<'public' | 'internal'>('public');
  const [body, setBody] = useState('');
  const [submitAs, setSubmitAs] = useState<SettableStatus | ''>('');
  const [empty, setEmpty] = useState(false);
  const [sent, setSent] = useState<Sent | null>(null);
  const [applied, setApplied] = useState<Applied | null>(null);
  const seen = useSeenVersion(ticket, conversation, meId);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  // After a canned reply goes in or out, the keyboard is in the text, to review it.
  const toText = () => requestAnimationFrame(() => bodyRef.current?.focus());
  // Sending was tried while a file was not ready: said beside the files until they are.
  const [triedEarly, setTriedEarly] = useState(false);
  const uploads = useUploads();
  const action = useAction();
  const { ref, focusFirstError } = useErrorFocus<HTMLFormElement>();
  const id = useId();
  const internal = asSupport && kind === 'internal';
  const reopens = !asSupport && status === 'solved';
  const bodyError = empty ? (applied ? t.ticket.emptyBody : t.ticket.emptyReply) : fieldsInError(action.error).has('body') ? t.ticket.bodyInvalid : null;
  const refusedFiles = filesRefusal(action.error, t);
  const filesError = !applied && triedEarly && uploads.notReady ? t.files.notReady[uploads.notReady] : refusedFiles;
  const refusedMacro = applied ? macroRefusal(action.error, t) : null;

  const drafting = body.trim().length > 0;
  useEffect(() => onDrafting?.(drafting), [drafting]);
  // A box that goes away (the ticket was closed) is no longer being written in.
  useEffect(() => () => onDrafting?.(false), []);

  function write(text: string) {
    setBody(text);
    setSent(null);
    if (!asSupport) return;
    if (text.trim()) seen.drafting();
    else if (!seen.stale) seen.settled();
  }

  function applyMacro(macro: RenderedMacro) {
    setApplied({ macro, before: applied ? applied.before : body });
    action.clear();
    setEmpty(false);
    write(macro.body);
    toText();
  }

  function clearMacro() {
    if (!applied) return;
    action.clear();
    write(applied.before);
    setApplied(null);
    toText();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSent(null);
    // A canned reply goes without files: they wait for a plain reply.
    const nothing = !body.trim() && (applied !== null || uploads.files.length === 0);
    setEmpty(nothing);
    setTriedEarly(!applied && uploads.notReady !== null);
    if (nothing || (!applied && uploads.notReady)) {
      action.clear();
      focusFirstError();
      return;
    }
    const sentBody = body;
    const files = applied ? [] : uploads.ids;
    const newStatus = asSupport && submitAs && !applied ? submitAs : undefined;
    const seenVersion = asSupport ? { seenVersion: seen.version } : {};
    const macro = applied?.macro;
    const ok = await action.run(async () => {
      try {
        await (macro
          ? api.macros.send.mutate({ id: macro.macroId, number, requestId: newRequestId(), body: sentBody, language: macro.language, ...(internal && { internal: true }), ...seenVersion })
          : api.tickets.reply.mutate({ number, body: sentBody, ...(files.length > 0 && { attachmentIds: files }), ...(internal && { internal: true }), ...(newStatus && { status: newStatus }), ...seenVersion }));
      } catch (error) {
        if (isStale(error)) seen.refused();
        throw error;
      }
    });
    if (ok) {
      // Clear only what was sent: the next message may already be on its way in.
      setBody((current) => (current === sentBody ? '' : current));
      uploads.sent(files);
      setSubmitAs('');
      setApplied(null);
      seen.settled();
      setSent(macro ? { kind: 'macro', title: macro.title } : newStatus ? { kind: 'status', status: newStatus } : internal ? { kind: 'note' } : { kind: 'reply' });
    } else {
      focusFirstError();
    }
    // Refused or not, the page shows the ticket as it now is.
    onSent();
  }

  const label = internal ? t.ticket.yourNote : t.ticket.yourReply;
  const button = applied
    ? internal
      ? t.macros.addNote
      : t.macros.send
    : submitAs
      ? t.ticket.submitAsButton(t.status[submitAs])
      : internal
        ? t.ticket.addNote
        : reopens
          ? t.ticket.replyAndReopen
          : t.ticket.reply;
  const confirmation = !sent ? null : sent.kind === 'macro' ? (
    <TheirWords say={t.macros.sent} theirs={sent.title} />
  ) : sent.kind === 'status'
        ? t.ticket.sentWithStatus(t.status[sent.status])
        : sent.kind === 'note'
          ? t.ticket.noteAdded
          : t.ticket.replySent;
  const describedBy = [asSupport && `${id}-hint`, reopens && `${id}-warning`, applied && `${id}-macro`, bodyError && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const macroLines = applied ? actionLines(applied.macro.actions, renderedAssignee(applied.macro.actions.assignee, t), t) : [];
  // What to say when sending failed: stale, a canned reply refused, or the usual sentence.
  const otherFailure = action.error && !isStale(action.error);
  const failure = otherFailure ? (
    refusedMacro ? (
      <ErrorNote>{refusedMacro}</ErrorNote>
    ) : !bodyError && !filesError ? (
      <ApiError error={action.error} />
    ) : null
  ) : seen.stale ? (
    <StaleNotice review={seen.review} />
  ) : null;

  return (
    <form ref={ref} className={internal ? 'reply reply--internal' : 'reply'} onSubmit={submit} noValidate {...uploads.formProps}>
      {asSupport && (
        <fieldset className="reply-kind">
          <legend>{t.ticket.replyKind}</legend>
          <label className={kind === 'public' ? 'toggle toggle--on' : 'toggle'}>
            <input type="radio" name={`${id}-kind`} value="public" checked={kind === 'public'} onChange={() => setKind('public')} />
            {t.ticket.publicReply}
          </label>
          <label className={kind === 'internal' ? 'toggle toggle--on toggle--internal' : 'toggle toggle--internal'}>
            <input type="radio" name={`${id}-kind`} value="internal" checked={kind === 'internal'} onChange={() => setKind('internal')} />
            {t.ticket.internalNote}
          </label>
        </fieldset>
      )}
      {reopens && (
        <p className="alert alert--warning" id={`${id}-warning`}>
          {t.ticket.solvedWarning}
        </p>
      )}
      {asSupport && <MacroPicker number={number} onApply={applyMacro} />}
      {applied && (
        <div className="macro-applied" id={`${id}-macro`} data-testid="macro-applied">
          <p>
            <strong>
              <TheirWords say={t.macros.applied} theirs={applied.macro.title} />
            </strong>
          </p>
          {macroLines.length > 0 ? (
            <>
              <p>{t.macros.willAlso}</p>
              <MacroActionList lines={macroLines} className="macro-applied__actions" />
            </>
          ) : (
            <p>{t.macros.textOnly}</p>
          )}
          {uploads.files.length > 0 && <p className="hint">{t.macros.noFiles}</p>}
          <div className="actions">
            <button type="button" onClick={clearMacro} disabled={action.busy}>
              {t.macros.clear}
            </button>
          </div>
        </div>
      )}
      <div className={bodyError ? 'field field--invalid' : 'field'}>
        <label htmlFor={`${id}-body`}>{label}</label>
        {asSupport && (
          <p className="hint" id={`${id}-hint`}>
            {internal ? t.ticket.internalNoteHint : t.ticket.publicReplyHint}
          </p>
        )}
        {bodyError && (
          <p className="field-error" id={`${id}-error`}>
            {bodyError}
          </p>
        )}
        <textarea
          ref={bodyRef}
          id={`${id}-body`}
          name="body"
          rows={5}
          maxLength={MAX_BODY_LENGTH}
          value={body}
          translate="no"
          onChange={(e) => write(e.target.value)}
          aria-describedby={describedBy}
          aria-invalid={bodyError ? true : undefined}
        />
      </div>
      {!applied && <AttachFiles uploads={uploads} error={filesError} />}
      {failure}
      {confirmation && <SuccessNote>{confirmation}</SuccessNote>}
      <div className="actions">
        {asSupport && !applied && (
          <label className="submit-as">
            {t.ticket.submitAs}
            <select name="submitAs" value={submitAs} onChange={(e) => setSubmitAs(e.target.value as SettableStatus | '')}>
              <option value="">{t.ticket.keepStatus(t.status[status])}</option>
              {SETTABLE_STATUSES.filter((s) => s !== status).map((s) => (
                <option key={s} value={s}>
                  {t.status[s]}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" className={internal ? 'primary primary--internal' : 'primary'} disabled={action.busy}>
          {button}
        </button>
      </div>
    </form>
  );
}
