import type { Client, DirectoryResult, Locale } from '@puente/core';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { MapLink } from '../../ui/MapLink';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { verifyService } from './api';
import { formatDate, formatHours, kmAndMiles, languageLabel } from './format';
import { ReportForm } from './ReportForm';
import { ShareResource } from './ShareResource';
import { telLink } from './share';

interface Props {
  result: DirectoryResult;
  /** CHWs, supervisors and admins can report a listing; managers only read. */
  canReport: boolean;
  /** Admins can mark a listing as checked today. */
  canVerify: boolean;
  onChange: (result: DirectoryResult) => void;
  onHandout: (result: DirectoryResult, locale: Locale) => void;
  /** More buttons beside Share and Report, e.g. "Refer" from a person's page. */
  actions?: ((result: DirectoryResult) => ComponentChildren) | undefined;
  /** The person the search is for, and the results beside this one, for a private page. */
  person?: Client | undefined;
  others?: DirectoryResult[] | undefined;
}

/** One service: what a CHW needs to decide and to call, then share, report or act on it. */
export function ResultCard({
  result: r,
  canReport,
  canVerify,
  onChange,
  onHandout,
  actions,
  person,
  others,
}: Props) {
  const { t, locale } = useI18n();
  const [panel, setPanel] = useState<'share' | 'report'>();
  const [status, setStatus] = useState<string>();
  const verify = useAction();
  const id = `result-${r.id}`;
  const hours = formatHours(locale, r.hours);
  const toggle = (which: 'share' | 'report') => {
    setStatus(undefined);
    setPanel(panel === which ? undefined : which);
  };
  const markVerified = () =>
    void verify.run(async () => {
      const { lastVerifiedAt } = await verifyService(r.serviceId);
      onChange({ ...r, lastVerifiedAt, stale: false });
      setStatus(t('directory.verifiedNow'));
    });
  const ages =
    r.minimumAge !== null && r.maximumAge !== null
      ? t('directory.agesBetween', { min: r.minimumAge, max: r.maximumAge })
      : r.minimumAge !== null
        ? t('directory.agesFrom', { min: r.minimumAge })
        : r.maximumAge !== null
          ? t('directory.agesUpTo', { max: r.maximumAge })
          : undefined;

  return (
    <li class="card resource" aria-labelledby={id}>
      <h3 id={id} tabIndex={-1} class="resource-name">
        {r.name}
      </h3>
      {r.organizationName && r.organizationName !== r.name && <p class="row-meta">{r.organizationName}</p>}
      <p class="resource-badges">
        {r.openNow === true && <span class="badge badge--open">{t('directory.openBadge')}</span>}
        {r.openNow === false && <span class="badge badge--muted">{t('directory.closedBadge')}</span>}
        {r.distanceKm !== null && (
          <span class="badge badge--muted">{t('directory.distance', kmAndMiles(locale, r.distanceKm))}</span>
        )}
        {r.cost === 'free' && <span class="badge">{t('directory.costFreeLabel')}</span>}
        {r.cost === 'low' && <span class="badge">{t('directory.costLowLabel')}</span>}
      </p>
      {r.description && <p class="resource-description">{r.description}</p>}
      <dl class="details">
        <dt>{t('directory.hours')}</dt>
        <dd>
          {hours.length > 0
            ? hours.map((line) => (
                <span key={line} class="line">
                  {line}
                </span>
              ))
            : null}
          {r.hoursNote && <span class="line">{r.hoursNote}</span>}
          {hours.length === 0 && !r.hoursNote && t('directory.hoursUnknown')}
        </dd>
        {r.phone && (
          <>
            <dt>{t('directory.phone')}</dt>
            <dd>
              <a class="resource-phone" href={telLink(r.phone)}>
                {r.phone}
              </a>
            </dd>
          </>
        )}
        {r.address && (
          <>
            <dt>{t('directory.address')}</dt>
            <dd>
              <MapLink address={r.address} />
            </dd>
          </>
        )}
        {r.languages.length > 0 && (
          <>
            <dt>{t('directory.languages')}</dt>
            <dd>{r.languages.map((code) => languageLabel(locale, code)).join(', ')}</dd>
          </>
        )}
        {r.howToApply && (
          <>
            <dt>{t('directory.howToApply')}</dt>
            <dd>{r.howToApply}</dd>
          </>
        )}
        <dt>{t('directory.cost')}</dt>
        <dd>
          {r.cost === 'free'
            ? t('directory.costFreeLabel')
            : r.cost === 'low'
              ? t('directory.costLowLabel')
              : t('directory.costUnknown')}
        </dd>
        {ages && (
          <>
            <dt>{t('directory.age')}</dt>
            <dd>{ages}</dd>
          </>
        )}
        {r.url && (
          <>
            <dt>{t('directory.website')}</dt>
            <dd>
              <a href={r.url} target="_blank" rel="noopener noreferrer">
                {r.url}
              </a>
            </dd>
          </>
        )}
      </dl>
      <p class="hint resource-verified">
        {r.lastVerifiedAt
          ? t('directory.verified', { date: formatDate(locale, r.lastVerifiedAt) })
          : t('directory.neverVerified')}
      </p>
      {r.stale && <p class="warning">{t('directory.stale')}</p>}
      {r.openFlags > 0 && <p class="warning">{t('directory.reported')}</p>}
      <p class="actions">
        <button
          type="button"
          aria-expanded={panel === 'share'}
          aria-controls={`${id}-share`}
          onClick={() => toggle('share')}
        >
          {t('directory.share')}
        </button>
        {canReport && (
          <button
            type="button"
            aria-expanded={panel === 'report'}
            aria-controls={`${id}-report`}
            onClick={() => toggle('report')}
          >
            {t('directory.report')}
          </button>
        )}
        {canVerify && (
          <button type="button" disabled={verify.busy} onClick={markVerified}>
            {t('directory.verify')}
          </button>
        )}
        {actions?.(r)}
      </p>
      <ProblemAlert problem={verify.problem} />
      <StatusMessage message={status} />
      {panel === 'share' && (
        <ShareResource
          id={`${id}-share`}
          result={r}
          onHandout={(lang) => onHandout(r, lang)}
          onClose={() => setPanel(undefined)}
          person={person}
          others={others}
        />
      )}
      {panel === 'report' && (
        <ReportForm
          id={`${id}-report`}
          result={r}
          onSent={(message) => {
            setPanel(undefined);
            setStatus(message);
            onChange({ ...r, openFlags: r.openFlags + 1 });
          }}
          onCancel={() => setPanel(undefined)}
        />
      )}
    </li>
  );
}
