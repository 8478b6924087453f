// What the browser checks read off a page: the portal's own words, what sticks out sideways, and
// the moments it shows.
import type { Page } from 'playwright-core';

/**
 * The portal's own words on the page, as a reader and a screen reader get them: text, the labels
 * held in attributes (aria-label, title, alt, placeholder, and data-label, which CSS shows on
 * phones) and the document's title. People's text is left out (names, subjects, messages are
 * marked translate="no"), and so is what is written in another language on purpose (lang="…",
 * like the switch to the other language).
 */
export async function portalWordsOn(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pageLang = document.documentElement.lang;
    const ours = (element: Element | null) =>
      !!element && !element.closest('[translate="no"], script, style, noscript') && (element.closest('[lang]')?.getAttribute('lang') ?? pageLang) === pageLang;
    const people = Array.from(document.querySelectorAll('[translate="no"]'), (element) => element.textContent ?? '');
    // The title names the ticket by its subject: that part is the requester's.
    const title = people.reduce((rest, text) => (text ? rest.split(text).join(' ') : rest), document.title);
    const texts = [title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.textContent?.trim() && ours(node.parentElement)) texts.push(node.textContent);
    }
    const attributes = ['aria-label', 'title', 'alt', 'placeholder', 'data-label'];
    for (const element of Array.from(document.body.querySelectorAll(attributes.map((name) => `[${name}]`).join(', ')))) {
      if (!ours(element)) continue;
      for (const name of attributes) {
        const value = element.getAttribute(name);
        if (value) texts.push(value);
      }
    }
    return texts;
  });
}

/** How far the page is wider than the window, and the outermost elements that stick out (empty when it fits). */
export async function sidewaysOverflow(page: Page): Promise<{ excess: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const excess = document.documentElement.scrollWidth - width;
    if (excess <= 0) return { excess: 0, culprits: [] };
    const culprits: string[] = [];
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      const box = element.getBoundingClientRect();
      if (box.right <= width + 0.5 || box.width === 0) continue;
      // Only the outermost: its children stick out with it.
      const parent = element.parentElement?.getBoundingClientRect();
      if (parent && parent.right > width + 0.5) continue;
      culprits.push(`<${element.tagName.toLowerCase()} class="${element.getAttribute('class') ?? ''}"> right edge at ${Math.round(box.right)}px`);
    }
    return { excess, culprits };
  });
}

/** Every <time> on the page: the instant it stands for and what it says. */
export async function momentsOn(page: Page): Promise<{ iso: string; text: string }[]> {
  return page.$$eval('time', (times) => times.map((time) => ({ iso: time.getAttribute('datetime') ?? '', text: time.textContent ?? '' })));
}
