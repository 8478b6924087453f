// Finding canned replies by words of their title, as agents type them: every word must be in the
// title, accents and case aside ("reinit" finds « Réinitialiser le terminal »).
import type { Macro } from '../api/types';

const folded = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export function macrosMatching(macros: Macro[], typed: string): Macro[] {
  const words = folded(typed).split(/\s+/u).filter(Boolean);
  return macros.filter((macro) => words.every((word) => folded(macro.title).includes(word)));
}
