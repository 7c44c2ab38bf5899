import type { ComponentChildren } from 'preact';
import { useI18n } from '../../app/i18n';

interface Props {
  id: string;
  label: string;
  /** A fuller name for screen readers when several such buttons share a label. */
  name?: string;
  open: boolean;
  onToggle: (open: boolean) => void;
  children: ComponentChildren;
}

/**
 * A button that opens and closes a form below it; the parent owns `open` so it can close it after saving.
 * @example <Disclosure id="new-goal" label={t('plan.addGoal')} open={open} onToggle={setOpen}><GoalForm /></Disclosure>
 */
export function Disclosure({ id, label, name, open, onToggle, children }: Props) {
  const { t } = useI18n();
  return (
    <>
      <p>
        <button
          id={`${id}-toggle`}
          type="button"
          class={open ? '' : 'primary'}
          aria-expanded={open}
          aria-controls={id}
          aria-label={open ? undefined : name}
          onClick={() => onToggle(!open)}
        >
          {open ? t('person.closeForm') : label}
        </button>
      </p>
      <div id={id} hidden={!open}>
        {open && children}
      </div>
    </>
  );
}
