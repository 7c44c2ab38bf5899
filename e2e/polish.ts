import { catalogs, type Locale } from '@puente/core';
import type { Page } from 'playwright-core';

/** The smallest tap target a thumb hits reliably (WCAG 2.5.5, Apple's and Android's guidance). */
const TAP = 44;

/**
 * English words that have a Spanish translation of their own: seen on a
 * Spanish screen, they are a string that missed the catalog. Only whole
 * messages of three words or more without placeholders: short ones ("PHQ-9",
 * "Email") are the same in both languages or too common to mean anything.
 */
const englishOnly: string[] = Object.entries(catalogs.en).flatMap(([ns, messages]) =>
  Object.entries(messages as Record<string, string>).flatMap(([key, en]) => {
    const es = (catalogs.es as unknown as Record<string, Record<string, string>>)[ns]?.[key];
    return en !== es && !en.includes('{') && en.trim().split(/\s+/).length >= 3 ? [en.trim()] : [];
  }),
);

export interface Blemish {
  screen: string;
  what: string;
}

/**
 * What a promotora on a 360 px phone would trip over on this screen: a page
 * wider than the phone (at 100 % and at 150 % text), a control smaller than
 * a fingertip, English on a Spanish screen.
 */
export async function blemishes(page: Page, screen: string, locale: Locale): Promise<Blemish[]> {
  const found: Blemish[] = [];
  for (const scale of ['100%', '150%']) {
    const wide = await page.evaluate((size) => {
      document.documentElement.style.fontSize = size;
      const width = document.documentElement.scrollWidth;
      // Which element sticks out, to say where to look: the first past the edge that no scroller of its own holds.
      const scrolls = (e: HTMLElement) =>
        ['auto', 'scroll', 'hidden'].includes(getComputedStyle(e).overflowX);
      const held = (e: HTMLElement) => {
        for (let p = e.parentElement; p && p !== document.body; p = p.parentElement)
          if (scrolls(p)) return true;
        return false;
      };
      const culprit = [...document.querySelectorAll<HTMLElement>('body *')].find(
        (e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !held(e),
      );
      document.documentElement.style.fontSize = '';
      return {
        width,
        culprit: culprit
          ? `${culprit.tagName.toLowerCase()}.${culprit.className} "${(culprit.textContent ?? '').trim().slice(0, 30)}"`
          : '',
      };
    }, scale);
    if (wide.width > 360)
      found.push({ screen, what: `${wide.width} px wide at ${scale} text (${wide.culprit})` });
  }
  const small = await page.evaluate((tap) => {
    const seen: string[] = [];
    const targets = document.querySelectorAll<HTMLElement>(
      'a[href], button, select, textarea, summary, [role="button"], [role="tab"], input:not([type="hidden"])',
    );
    for (const e of targets) {
      const box = e.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(e).visibility === 'hidden') continue;
      // A link inside a sentence is exempt (WCAG's inline exception): the line is the target's size.
      const parent = e.parentElement;
      if (
        e.tagName === 'A' &&
        parent &&
        [...parent.childNodes].some(
          (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '',
        )
      )
        continue;
      // A checkbox or a radio is tapped through its label.
      const hit =
        e instanceof HTMLInputElement && (e.type === 'checkbox' || e.type === 'radio')
          ? (e.closest('label')?.getBoundingClientRect() ?? box)
          : box;
      if (hit.width < tap - 0.5 || hit.height < tap - 0.5) {
        const name = (e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 30);
        seen.push(
          `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''} "${name}" ${Math.round(hit.width)}×${Math.round(hit.height)}`,
        );
      }
    }
    return seen;
  }, TAP);
  for (const s of small) found.push({ screen, what: `tap target under ${TAP} px: ${s}` });
  if (locale === 'es') {
    // What is rendered, as a person sees or hears it: not the text of templates and hidden parts.
    // biome-ignore lint/performance/useDomNodeTextContent: rendered text is the point here.
    const text = await page.evaluate(() => document.body.innerText);
    for (const en of englishOnly)
      if (text.includes(en)) found.push({ screen, what: `English on a Spanish screen: "${en}"` });
  }
  return found;
}
