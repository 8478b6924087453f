// An admin applies the SLA policy version in force to the tickets already under way (each pinned
// the version it started with): deliberately, after a question, since every open ticket's deadlines
// are counted again and its audit trail says so. The answer is said ticket by ticket in the reader's
// words: applied, counting it already, closed meanwhile, or not reached (to apply again, which
// changes each ticket once). A version saved since the page read it is refused, and reloaded.
import { useId, useState } from 'react';
import { Link } from 'wouter';
import { api } from '../api/client';
import { useI18n } from '../i18n';
import { useAction } from '../lib/use-action';
import { Confirm } from './Confirm';
import { PolicySaveError } from './PolicySaveError';

type Applied = Awaited<ReturnType<typeof api.policies.applySlaToOpen.mutate>>;

export function ApplySlaToOpen({ version, onReload }: { version: number; onReload(): void }) {
  const { t } = useI18n();
  const a = t.serviceLevels.sla.applyOpen;
  const id = useId();
  const [asking, setAsking] = useState(false);
  const [result, setResult] = useState<Applied | null>(null);
  const action = useAction();

  async function apply() {
    setResult(null);
    const ok = await action.run(async () => setResult(await api.policies.applySlaToOpen.mutate({ version })));
    if (ok) setAsking(false);
  }

  const already = result?.unchanged.filter((u) => u.why === 'already') ?? [];
  const closed = result?.unchanged.filter((u) => u.why === 'closed') ?? [];
  return (
    <div className="apply-open" data-testid="apply-open" aria-busy={action.busy}>
      {asking ? (
        <Confirm question={a.question(version)} go={a.go} keep={a.keep} busy={action.busy} onGo={() => void apply()} onKeep={() => setAsking(false)} />
      ) : (
        <div className="actions">
          <button type="button" onClick={() => setAsking(true)}>
            {a.button(version)}
          </button>
        </div>
      )}
      {action.busy && <p role="status">{a.applying}</p>}
      <PolicySaveError
        error={action.error}
        onReload={() => {
          action.clear();
          setAsking(false);
          onReload();
        }}
      />
      {result && (
        <section aria-labelledby={`${id}-title`} className="bulk-results">
          <h3 id={`${id}-title`}>{a.results(result.version)}</h3>
          <div role="status">
            <ul className="bulk-results__list">
              <li>{a.applied(result.applied.length)}</li>
              {already.length > 0 && <li>{a.already(already.length)}</li>}
              {closed.length > 0 && <li>{a.closed(closed.length)}</li>}
            </ul>
          </div>
          {result.failed.length > 0 && (
            <>
              <p className="alert alert--error">{a.failed(result.failed.length)}</p>
              <ul className="bulk-results__list bulk-results__list--refused" data-testid="apply-open-failed">
                {result.failed.map((f) => (
                  <li key={f.number}>
                    <Link href={`/tickets/${f.number}`} translate="no">
                      #{f.number}
                    </Link>
                  </li>
                ))}
              </ul>
              <div className="actions">
                <button type="button" className="primary" disabled={action.busy} onClick={() => void apply()}>
                  {a.again}
                </button>
              </div>
            </>
          )}
        </section>
      )}
    </div>
  );
}
