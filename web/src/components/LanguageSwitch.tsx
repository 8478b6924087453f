// The switch to the other language, named in that language ("Français" on an English page).
import { LANGUAGE_NAMES, type Lang } from '../i18n/languages';

export function LanguageSwitch({ current, onSwitch, className }: { current: Lang; onSwitch(lang: Lang): void; className: string }) {
  const other: Lang = current === 'en' ? 'fr' : 'en';
  return (
    <button type="button" className={className} lang={other} aria-label={LANGUAGE_NAMES[other].offer} onClick={() => onSwitch(other)}>
      {LANGUAGE_NAMES[other].name}
    </button>
  );
}
