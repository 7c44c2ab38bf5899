import { ApiError } from '../../app/api';

/** Whether the server refused because this session must confirm who holds it first. */
export const needsStepUp = (error: unknown): boolean =>
  error instanceof ApiError && error.problem.code === 'stepUpRequired';

/**
 * Runs `action`; when the server asks for a step-up check, waits for `confirm`
 * (the dialog) and runs it once more. Cancelled, the refusal stands; refused
 * again, that refusal is thrown rather than asking forever.
 * @example await withStepUp(() => breakGlass(id, reason), openDialog);
 */
export async function withStepUp<T>(action: () => Promise<T>, confirm: () => Promise<boolean>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (!needsStepUp(error)) throw error;
    if (!(await confirm())) throw error;
    return action();
  }
}
