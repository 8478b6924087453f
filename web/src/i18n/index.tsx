// The language the portal speaks: first the one remembered in this browser, else the browser's
// own preference. A signed-in person's account has the last word (session.tsx), so that the portal
// and their e-mails speak the same language on every device.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, type Messages } from './en';
import { fr } from './fr';
import { isLang, type Lang } from './languages';

export type { Lang } from './languages';
const dictionaries: Record<Lang, Messages> = { en, fr };
const STORAGE_KEY = 'lang';

function initialLang(): Lang {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (isLang(saved)) return saved;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().slice(0, 2);
    if (isLang(base)) return base;
  }
  return 'en';
}

interface I18n {
  lang: Lang;
  t: Messages;
  setLang(lang: Lang): void;
}
const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    // Screen readers pick their voice from the page's language.
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLangState(next);
  }, []);
  const value = useMemo(() => ({ lang, t: dictionaries[lang], setLang }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
