// People's names and addresses are theirs, not the portal's words: marked translate="no", so that
// a browser's translation leaves them alone (and the French-page check does not read them as
// English). An address, which has no spaces, may break anywhere rather than widen the page.
import type { Actor } from '../../../workflows/ticket/model';
import { isErasedName, isErasedPerson } from '../../../src/accounts/erased';
import { useI18n } from '../i18n';

interface Named {
  email: string;
  name?: string | null;
}

export const personLabel = (person: Named): string => person.name || person.email;

/** A person in a list of choices (an "Assign to" list): the address is added only to tell two namesakes apart. */
export function choiceLabel(person: Named & { id: string }, all: Array<Named & { id: string }>): string {
  const namesake = person.name && all.some((other) => other.id !== person.id && other.name === person.name);
  return namesake ? `${person.name} (${person.email})` : personLabel(person);
}

export function PersonName({ person }: { person: Named }) {
  const { t } = useI18n();
  // An erased person (src/accounts/erased.ts) is named in the reader's language.
  if (isErasedPerson(person)) return <span className="erased">{t.erased.person}</span>;
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
  if (isErasedName(actor.name)) return <span className="erased">{t.erased.person}</span>;
  return <span translate="no">{actor.name}</span>;
}
