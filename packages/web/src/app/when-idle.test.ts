import { afterEach, describe, expect, it, vi } from 'vitest';
import { whenIdle } from './when-idle';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** A browser with idle callbacks: they run only when `idle()` says the browser has nothing to do. */
function idleBrowser() {
  const waiting = new Map<number, { run: () => void; timeout?: number }>();
  let next = 1;
  vi.stubGlobal('requestIdleCallback', (run: () => void, options?: { timeout?: number }) => {
    waiting.set(next, { run, timeout: options?.timeout });
    return next++;
  });
  vi.stubGlobal('cancelIdleCallback', (id: number) => waiting.delete(id));
  return {
    waiting,
    idle: () => {
      for (const [id, { run }] of waiting) {
        waiting.delete(id);
        run();
      }
    },
  };
}

describe('whenIdle', () => {
  it('waits for the browser to be idle, with a deadline', () => {
    const browser = idleBrowser();
    const work = vi.fn();
    whenIdle(work, 1500);
    expect(work).not.toHaveBeenCalled();
    expect([...browser.waiting.values()].map((w) => w.timeout)).toEqual([1500]);
    browser.idle();
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('does nothing once cancelled (the screen went away first)', () => {
    const browser = idleBrowser();
    const work = vi.fn();
    whenIdle(work)();
    browser.idle();
    expect(work).not.toHaveBeenCalled();
  });

  it('without idle callbacks, runs a moment later, and can be cancelled too', () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestIdleCallback', undefined);
    const work = vi.fn();
    const cancelled = vi.fn();
    whenIdle(work);
    whenIdle(cancelled)();
    expect(work).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(work).toHaveBeenCalledTimes(1);
    expect(cancelled).not.toHaveBeenCalled();
  });
});
