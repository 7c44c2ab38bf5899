import type { ComponentChildren } from 'preact';

/**
 * A table of figures that may be wider than a phone at large text: it
 * scrolls sideways on its own, the page does not (WCAG's reflow rule leaves
 * data tables this way out). A named region that takes focus, so a keyboard
 * can scroll it and a screen reader says what it holds.
 */
export function TableScroll({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus for the keyboard to scroll it (axe: scrollable-region-focusable).
    <section class="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
