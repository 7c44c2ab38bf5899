/**
 * Runs `work` once the browser has nothing more urgent, so warming caches
 * never holds up the screen being opened (the first one after an unlock
 * especially); at the latest after `timeoutMs`. Returns a cancel.
 * @example useEffect(() => whenIdle(() => warmScreens(role)), [role]);
 */
export function whenIdle(work: () => void, timeoutMs = 2000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(() => work(), { timeout: timeoutMs });
    return () => cancelIdleCallback(id);
  }
  // No idle callbacks (Safari): a moment after the screen's first frames.
  const id = setTimeout(work, 300);
  return () => clearTimeout(id);
}
