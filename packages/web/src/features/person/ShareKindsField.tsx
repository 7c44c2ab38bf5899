import { alwaysShared, type ShareableKind } from '@puente/core';
import { useI18n } from '../../app/i18n';

/** The kinds a promotora reads out, in the order she would: who they are and the referral first. */
export const shareKindOrder: readonly ShareableKind[] = [
  'identity',
  'referral',
  'contact',
  'screening-total',
  'screening-answer',
  'goal',
  'visit',
];

/** Checked before the person says otherwise: the policy's minimum (who they are, how to reach them, the referral). */
export const defaultShareKinds: readonly ShareableKind[] = ['identity', 'referral', 'contact'];

interface Props {
  values: readonly ShareableKind[];
  onValues: (values: ShareableKind[]) => void;
}

/**
 * "What they agree to share": one checkbox per data kind a consent to share can
 * name. Identity and the referral always travel, so they show checked and
 * cannot be unchecked; the hint says why, and is read with the legend.
 */
export function ShareKindsField({ values, onValues }: Props) {
  const { t } = useI18n();
  const toggle = (kind: ShareableKind, on: boolean) =>
    onValues(shareKindOrder.filter((k) => (k === kind ? on : values.includes(k))));
  return (
    <fieldset class="checks" aria-describedby="consent-kinds-hint">
      <legend>{t('person.shareKindsLegend')}</legend>
      <p id="consent-kinds-hint" class="hint">
        {t('person.shareKindsHint')}
      </p>
      {shareKindOrder.map((kind) => {
        const always = alwaysShared.includes(kind);
        return (
          <label key={kind} class="check">
            <input
              type="checkbox"
              name="consent-kinds"
              value={kind}
              checked={always || values.includes(kind)}
              disabled={always}
              onChange={(e) => toggle(kind, e.currentTarget.checked)}
            />
            <span>{t(`person.shareKind_${kind}`)}</span>
          </label>
        );
      })}
    </fieldset>
  );
}
