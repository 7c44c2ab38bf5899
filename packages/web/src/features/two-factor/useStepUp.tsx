import { useState } from 'preact/hooks';
import { ApiError } from '../../app/api';
import { StepUpDialog } from './StepUpDialog';

/** Whether the server refused because this session must confirm who holds it first. */
export const needsStepUp = (error: unknown): boolean =>
  error instanceof ApiError && error.problem.code === 'stepUpRequired';

/**
 * Runs an action; when the server answers `stepUpRequired`, asks the person to
 * confirm it is them and runs it once more. Render `dialog` where the action lives.
 * @example const { guard, dialog } = useStepUp(); run(() => guard(() => breakGlass(id, reason)));
 */
export function useStepUp() {
  const [pending, setPending] = useState<(confirmed: boolean) => void>();

  const guard = async <T,>(action: () => Promise<T>): Promise<T> => {
    try {
      return await action();
    } catch (error) {
      if (!needsStepUp(error)) throw error;
      const confirmed = await new Promise<boolean>((resolve) => setPending(() => resolve));
      setPending(undefined);
      // Cancelled: the refusal stands, and says why.
      if (!confirmed) throw error;
      return action();
    }
  };

  const dialog = pending ? <StepUpDialog onDone={pending} /> : null;
  return { guard, dialog };
}
