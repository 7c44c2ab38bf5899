import { useState } from 'preact/hooks';
import { StepUpDialog } from './StepUpDialog';
import { withStepUp } from './step-up';

/**
 * Runs an action; when the server answers `stepUpRequired`, asks the person to
 * confirm it is them and runs it once more. Render `dialog` where the action
 * lives, outside any form.
 * @example const { guard, dialog } = useStepUp(); run(() => guard(() => breakGlass(id, reason)));
 */
export function useStepUp() {
  const [pending, setPending] = useState<(confirmed: boolean) => void>();

  const ask = () =>
    new Promise<boolean>((resolve) =>
      setPending(() => (confirmed: boolean) => {
        setPending(undefined);
        resolve(confirmed);
      }),
    );
  const guard = <T,>(action: () => Promise<T>): Promise<T> => withStepUp(action, ask);

  const dialog = pending ? <StepUpDialog onDone={pending} /> : null;
  return { guard, dialog };
}
