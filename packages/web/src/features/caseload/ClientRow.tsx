import type { ClientSummary } from '@puente/core';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { formatDay, formatMoment, languageName } from '../../ui/format';
import './caseload.css';

/** One person in the caseload: who, which language, where, last contact and what is due next. */
export function ClientRow({ client }: { client: ClientSummary }) {
  const { t, locale } = useI18n();
  const where = [languageName(t, client.preferredLanguage), client.neighborhood].filter(Boolean).join(' · ');
  return (
    <li class="row">
      <div class="row-main">
        <p class="row-title">
          <Link href={`/people/${client.id}`}>{client.displayName}</Link>
          {!client.safeToContact && <span class="badge badge--danger">{t('people.notSafe')}</span>}
          {client.riskFlag && <span class="badge badge--danger">{t('followUp.riskFlag')}</span>}
        </p>
        <p class="row-meta">{where}</p>
        <dl class="facts">
          <div>
            <dt>{t('people.lastContact')}</dt>
            <dd>{client.lastContactAt ? formatMoment(locale, client.lastContactAt) : t('people.never')}</dd>
          </div>
          <div>
            <dt>{t('people.nextDue')}</dt>
            <dd>{client.nextDueOn ? formatDay(locale, client.nextDueOn) : t('people.nothingDue')}</dd>
          </div>
        </dl>
      </div>
    </li>
  );
}
