import type { Client } from '@puente/core';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { formatMoment, languageName } from '../../ui/format';
import { MapLink } from '../../ui/MapLink';
import { PageHeading } from '../../ui/PageHeading';
import { caseloadHref } from '../caseload/caseload-href';
import './person.css';

/** Who this is and how (or whether) to reach them; the first thing read on the page. */
export function ClientHeader({ client }: { client: Client }) {
  const { t, locale } = useI18n();
  const flags = client.phone
    ? [
        t('person.phoneFlags', { phone: client.phone }),
        t(client.okToText ? 'person.okToText' : 'person.noText'),
        t(client.okToLeaveMessage ? 'person.okToLeaveMessage' : 'person.noMessage'),
      ]
    : [t('person.noPhone')];
  return (
    <header class="person-header">
      <p class="crumb">
        <Link href={caseloadHref()}>{t('person.backToPeople')}</Link>
      </p>
      <PageHeading text={client.displayName} />
      <p class="row-meta">
        {languageName(t, client.preferredLanguage)}
        {client.neighborhood ? ` · ${client.neighborhood}` : ''}
        {' · '}
        {client.assignedChwName
          ? t('person.assignedTo', { name: client.assignedChwName })
          : t('person.unassigned')}
      </p>
      {client.address && (
        <p class="row-meta">
          {t('people.address')}: <MapLink address={client.address} />
        </p>
      )}
      {client.safeToContact ? (
        <p class="row-meta">{flags.join(' · ')}</p>
      ) : (
        <p class="warning" id="not-safe">
          <strong>{t('people.notSafe')}.</strong> {t('person.notSafeWarning')}
        </p>
      )}
      {client.accessUntil && (
        <p class="warning">{t('person.accessUntil', { when: formatMoment(locale, client.accessUntil) })}</p>
      )}
    </header>
  );
}
