import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { idleSinceLastUse, watchIdle } from './idle';

/** Storage as a browser tab has it. */
function storage(): Storage {
  const kept = new Map<string, string>();
  return {
    get length() {
      return kept.size;
    },
    clear: () => kept.clear(),
    getItem: (k) => kept.get(k) ?? null,
    key: (i) => [...kept.keys()][i] ?? null,
    removeItem: (k) => void kept.delete(k),
    setItem: (k, v) => void kept.set(k, v),
  };
}

const MINUTE = 60_000;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-03-02T09:00:00Z'));
  vi.stubGlobal('sessionStorage', storage());
  vi.stubGlobal('localStorage', storage());
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** A tab: its window and document, the document hidden or shown. */
function tab() {
  const win = new EventTarget();
  const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  return { win, doc };
}

describe('the idle lock', () => {
  it('locks the moment a tab comes back after the idle time, before any timer tick', () => {
    const lock = vi.fn();
    const { win, doc } = tab();
    watchIdle(lock, { win, doc });
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    // A frozen tab gets no ticks: the clock moves, the timers do not run.
    vi.setSystemTime(Date.now() + 16 * MINUTE);
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(lock).toHaveBeenCalledTimes(1);
  });

  it('locks a page restored from the back-forward cache after the idle time', () => {
    const lock = vi.fn();
    const { win, doc } = tab();
    watchIdle(lock, { win, doc });
    vi.setSystemTime(Date.now() + 16 * MINUTE);
    win.dispatchEvent(new Event('pageshow'));
    expect(lock).toHaveBeenCalledTimes(1);
  });

  it('does not lock a tab shown again within the idle time, nor one in use', () => {
    const lock = vi.fn();
    const { win, doc } = tab();
    const stop = watchIdle(lock, { win, doc });
    vi.setSystemTime(Date.now() + 10 * MINUTE);
    win.dispatchEvent(new Event('keydown'));
    vi.setSystemTime(Date.now() + 10 * MINUTE);
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(lock).not.toHaveBeenCalled();
    stop();
    vi.setSystemTime(Date.now() + 60 * MINUTE);
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(lock).not.toHaveBeenCalled();
  });

  it('asks for the PIN on a reload after the idle time, and not on one within it', () => {
    watchIdle(vi.fn(), tab());
    expect(idleSinceLastUse()).toBe(false);
    vi.setSystemTime(Date.now() + 16 * MINUTE);
    expect(idleSinceLastUse()).toBe(true);
    // A tab that never recorded a tap (a new tab) asks too.
    vi.stubGlobal('sessionStorage', storage());
    expect(idleSinceLastUse(Date.now())).toBe(true);
  });

  it('still locks on the timer while the tab stays open', () => {
    const lock = vi.fn();
    watchIdle(lock, tab());
    vi.advanceTimersByTime(16 * MINUTE);
    expect(lock).toHaveBeenCalled();
  });
});
