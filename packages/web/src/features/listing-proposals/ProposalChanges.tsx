import type { ProposalChange } from '@puente/core';
import { useI18n } from '../../app/i18n';
import './listing-proposals.css';

/**
 * Each changed field, with what the listing said and what is proposed, one under the other so it
 * reads at 360 px and aloud ("Now: …", "Proposed: …"), not only by colour or strike-through.
 */
export function ProposalChanges({ changes }: { changes: readonly ProposalChange[] }) {
  const { t } = useI18n();
  const shown = (value: string) => value || t('listings.empty');
  return (
    <dl class="proposal-changes">
      {changes.map((c) => (
        <div key={c.field}>
          <dt>{t(`directorySheet.${c.field}`)}</dt>
          <dd class="proposal-before">{t('listings.now', { value: shown(c.before) })}</dd>
          <dd class="proposal-after">{t('listings.proposed', { value: shown(c.after) })}</dd>
        </div>
      ))}
    </dl>
  );
}
