// The portal's languages. Each one's name, and the offer to switch to it, are said in that language
// (a French reader looking for English finds "English"), so they belong to no one catalogue.
export const LANGUAGES = ['en', 'fr'] as const;
export type Lang = (typeof LANGUAGES)[number];

export const LANGUAGE_NAMES: Record<Lang, { name: string; offer: string }> = {
  en: { name: 'English', offer: 'Show in English' },
  fr: { name: 'Français', offer: 'Afficher en français' },
};

export const isLang = (value: unknown): value is Lang => (LANGUAGES as readonly unknown[]).includes(value);
