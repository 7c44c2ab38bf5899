/**
 * Samples this process's memory every 20 ms until the returned function is
 * called, which gives the peaks: for scenarios whose work runs in the
 * benchmark's own process (imports through the app in process).
 */
export function memoryPeak(): () => { rss: number; heap: number } {
  const peak = { rss: 0, heap: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heap = Math.max(peak.heap, m.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 20);
  return () => {
    clearInterval(timer);
    sample();
    return peak;
  };
}
