// The portal's two catalogues (web/src/i18n): the same entries in both; French entirely French, in
// the words French-speaking Zendesk users know; English with the portal guide's labels; each
// language's own punctuation. test/web/every-page.test.ts checks the rendered French pages too.
import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.js';
import { fr } from '../../web/src/i18n/fr.js';
import { catalogueTexts, englishIn, SHARED_WORDS, wordsOf } from './helpers/catalogue-words.js';

/** Each entry's path and kind: a text, a function, or a group of entries. */
function shapeOf(value: unknown, path = ''): string[] {
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => shapeOf(inner, path ? `${path}.${key}` : key));
  return [`${path}: ${typeof value}`];
}

const textsByPath = (catalogue: typeof en) => {
  const byPath = new Map<string, string[]>();
  for (const { path, text } of catalogueTexts(catalogue)) byPath.set(path, [...(byPath.get(path) ?? []), text]);
  return byPath;
};

describe('the catalogues', () => {
  it('hold the same entries, each a text or a function in both', () => {
    expect(shapeOf(fr).sort()).toEqual(shapeOf(en).sort());
  });

  it('leave no English word in French', () => {
    expect(englishIn(catalogueTexts(fr).map((entry) => entry.text))).toEqual([]);
  });

  it('say nothing in French exactly as in English, but names and words both languages share', () => {
    const french = textsByPath(fr);
    const same = [...textsByPath(en)]
      .flatMap(([path, texts]) => texts.filter((text) => french.get(path)?.includes(text)).map((text) => ({ path, text })))
      .filter(({ text }) => !wordsOf(text).every((word) => SHARED_WORDS.has(word)));
    expect(same).toEqual([]);
  });

  it("keep the portal guide's labels in English", () => {
    expect(en.status).toEqual({ open: 'Open', pending: 'Pending', 'on-hold': 'On-hold', solved: 'Solved', closed: 'Closed' });
    expect(en.typeName).toEqual({ critical: 'Critical / SEV', feature_request: 'Feature request', hardware_issue: 'Hardware issue', software_issue: 'Software issue' });
    expect([en.nav.submit, en.home.checkTitle, en.nav.activities]).toEqual(['Submit a request', 'Check your existing requests', 'My activities']);
    expect([en.activities.mine, en.activities.ccd, en.activities.organization]).toEqual(['My requests', 'Requests I\u2019m CC\u2019d on', 'Organization requests']);
  });

  it('use the words French-speaking Zendesk users know', () => {
    expect(fr.status).toEqual({ open: 'Ouvert', pending: 'En attente', 'on-hold': 'En pause', solved: 'Résolu', closed: 'Clos' });
    expect(fr.typeName).toEqual({ critical: 'Critique / SEV', feature_request: 'Demande de fonctionnalité', hardware_issue: 'Problème matériel', software_issue: 'Problème logiciel' });
    expect([fr.nav.submit, fr.nav.activities, fr.auth.signIn]).toEqual(['Envoyer une demande', 'Mes activités', 'Se connecter']);
    expect([fr.activities.mine, fr.activities.ccd, fr.activities.organization]).toEqual(['Mes demandes', 'Demandes dont je suis en copie', 'Demandes de l’organisation']);
  });

  it('punctuate each language its own way: a space before : ; ? ! in French, none in English', () => {
    expect(catalogueTexts(fr).filter(({ text }) => /[^\s«][:;?!](\s|$)/u.test(text))).toEqual([]);
    expect(catalogueTexts(en).filter(({ text }) => /\s[:;?!]/u.test(text))).toEqual([]);
  });
});
