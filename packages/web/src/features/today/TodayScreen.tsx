import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { useSession } from '../../app/session';
import { EmptyState } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';

/** The first screen of the day. The caseload arrives in a later release; until then, say so kindly. */
export function TodayScreen() {
  const { t } = useI18n();
  const { me } = useSession();
  return (
    <>
      <PageHeading text={t('today.title')} />
      <p class="lead">{t('today.greeting', { name: me.displayName })}</p>
      <EmptyState title={t('today.emptyTitle')}>
        <p>{me.role === 'supervisor' ? t('today.emptyBodySupervisor') : t('today.emptyBodyChw')}</p>
      </EmptyState>
      <section class="card" aria-labelledby="today-next">
        <h2 id="today-next">{t('today.nextTitle')}</h2>
        <p>{t('today.nextAccount')}</p>
        <p>
          <Link href="/account" class="button">
            {t('today.goToAccount')}
          </Link>
        </p>
      </section>
    </>
  );
}
