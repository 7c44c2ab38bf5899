import type { Page } from 'playwright-core';

/** What the user does: tap an element, or type into a field. */
export type Act = { click: string } | { type: string; into: string };

/** The screen's main content: an element matching `selector`, with `text` in it, or no longer saying `not`. */
export interface Ready {
  selector: string;
  text?: string;
  not?: string;
}

/**
 * Milliseconds from the tap (or keystroke) until the screen's main content is
 * in the page and the next frame has been painted, timed inside the page so
 * the DevTools round trips of the driver are not counted.
 */
export function answer(page: Page, act: Act, ready: Ready, timeoutMs = 60_000): Promise<number> {
  return page.evaluate(
    async ({ act, ready, timeoutMs }) => {
      // No named functions in here: the bench's TypeScript loader would wrap them in a helper the page lacks.
      const target = document.querySelector<HTMLElement>('click' in act ? act.click : act.into);
      if (!target) throw new Error(`nothing to act on: ${JSON.stringify(act)}`);
      // Watched from before the act, so every change it causes is seen; the content is not there before it.
      const shown = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          watch.disconnect();
          reject(new Error(`${JSON.stringify(ready)} did not show within ${timeoutMs} ms`));
        }, timeoutMs);
        const watch = new MutationObserver(() => {
          const there = [...document.querySelectorAll(ready.selector)].some((el) => {
            const text = el.textContent ?? '';
            if (ready.text !== undefined && !text.includes(ready.text)) return false;
            return ready.not === undefined || (text !== '' && text !== ready.not);
          });
          if (!there) return;
          watch.disconnect();
          clearTimeout(timer);
          resolve();
        });
        watch.observe(document.body, {
          subtree: true,
          childList: true,
          characterData: true,
          attributes: true,
        });
      });
      const start = performance.now();
      if ('click' in act) target.click();
      else {
        (target as HTMLInputElement).value = act.type;
        target.dispatchEvent(new Event('input', { bubbles: true }));
      }
      await shown;
      // In the DOM is not yet on screen: wait for the frame that paints it.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      return performance.now() - start;
    },
    { act, ready, timeoutMs },
  );
}
