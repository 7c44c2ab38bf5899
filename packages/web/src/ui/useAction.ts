import type { Problem } from '@puente/core';
import { useState } from 'preact/hooks';
import { fieldErrors, toProblem } from '../app/api';

/**
 * Sending state for a form or button: busy while the request runs, the refusal and its field errors after.
 * @example const { busy, errors, run } = useAction(); run(() => saveGoal(body));
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>();

  const run = async (action: () => Promise<void>): Promise<boolean> => {
    setProblem(undefined);
    setBusy(true);
    try {
      await action();
      return true;
    } catch (error) {
      setProblem(toProblem(error));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return { busy, problem, errors: fieldErrors(problem), run, setProblem };
}
