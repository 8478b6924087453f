// Who else of Support Ops has this ticket open, and who of them is writing a reply, said to
// screen readers as it changes (politely: it never interrupts). Nothing shows when nobody else is.
import type { Presence } from '../api/types';
import { useI18n } from '../i18n';
import { personLabel } from './PersonName';
import { TheirWords } from './TheirWords';

export function WhoElseIsHere({ others }: { others: Presence[] }) {
  const { t } = useI18n();
  return (
    <div className="presence" aria-live="polite" data-testid="presence">
      {others.length > 0 && (
        <ul className="presence__list" aria-label={t.presence.label}>
          {others.map(({ user, activity }) => (
            <li key={user.id} className={activity === 'replying' ? 'presence__item presence__item--replying' : 'presence__item'}>
              <TheirWords say={activity === 'replying' ? t.presence.replying : t.presence.viewing} theirs={personLabel(user)} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
