// People's names and addresses are theirs, not the portal's words: marked translate="no", so that
// a browser's translation leaves them alone (and the French-page check does not read them as
// English). An address, which has no spaces, may break anywhere rather than widen the page.
import type { Actor } from '../../../workflows/ticket/model';
import { useI18n } from '../i18n';

interface Named {
  email: string;
  name?: string | null;
}

export const personLabel = (person: Named): string => person.name || person.email;

export function PersonName({ person }: { person: Named }) {
  return (
    <span translate="no" className={person.name ? undefined : 'address'}>
      {personLabel(person)}
    </span>
  );
}

/** Who wrote a message or made a change: their name, else what they are (the desk's own timers). */
export function ActorName({ actor }: { actor: { kind: Actor['kind']; name: string | null } }) {
  const { t } = useI18n();
  if (actor.kind === 'system' || !actor.name) return <>{t.actor[actor.kind]}</>;
  return <span translate="no">{actor.name}</span>;
}
