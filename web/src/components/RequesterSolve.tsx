// A requester may mark their own ticket Solved (the guide's rule, in the permission table). The
// component stays on the page when the button goes (the ticket is Solved now, by them or by
// someone else meanwhile), so that a refusal is still there to read.
import { useI18n } from '../i18n';
import { api } from '../api/client';
import { useAction } from '../lib/use-action';
import { ApiError } from './ApiError';

export function RequesterSolve({ number, offered, onDone }: { number: number; offered: boolean; onDone(): void }) {
  const { t } = useI18n();
  const action = useAction();
  if (!offered && !action.error) return null;
  return (
    <section className="side-section">
      <ApiError error={action.error} />
      {offered && (
        <button
          type="button"
          disabled={action.busy}
          onClick={async () => {
            await action.run(() => api.tickets.solve.mutate({ number }));
            // Refused or not, the page shows the ticket as it now is.
            onDone();
          }}
        >
          {t.ticket.markSolved}
        </button>
      )}
    </section>
  );
}
