import { useEffect } from 'preact/hooks';
import { StatusMessage } from '../../ui/Messages';

/** A run of an import as the progress bar reads it, whatever it imports. */
interface RunLike {
  id: string;
  state: 'running' | 'done' | 'stopped' | 'interrupted';
}

/**
 * Follows an import every second until it is done or stopped; a failed poll keeps the bar and
 * tries again. Shared by the caseload and the directory imports.
 */
export function usePolledRun<R extends RunLike>(
  run: R | undefined,
  poll: (id: string) => Promise<R>,
  onRun: (run: R) => void,
) {
  useEffect(() => {
    if (run?.state !== 'running') return;
    const timer = setTimeout(() => {
      poll(run.id)
        .then(onRun)
        .catch(() => onRun({ ...run }));
    }, 1000);
    return () => clearTimeout(timer);
  }, [run]);
}

/** The progress bar and what it means in words, announced as it changes. */
export function ImportProgress(props: { label: string; value: number; max: number; words: string }) {
  return (
    <section class="card" aria-labelledby="progress-title">
      <h2 id="progress-title">{props.label}</h2>
      <progress
        class="import-progress"
        max={Math.max(props.max, 1)}
        value={props.value}
        aria-labelledby="progress-title"
      />
      <StatusMessage message={props.words} />
    </section>
  );
}
