import { useI18n } from '../../app/i18n';
import { PageHeading } from '../../ui/PageHeading';
import { FlagQueue } from './FlagQueue';
import { ImportCard } from './ImportCard';
import { SettingsCard } from './SettingsCard';
import { SynonymsCard } from './SynonymsCard';
import './directory.css';

/** The admin's directory: what promotoras reported first, then importing, the program's search words and settings. */
export function AdminDirectoryScreen() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading text={t('directory.adminTitle')} />
      <p class="lead">{t('directory.adminIntro')}</p>
      <FlagQueue />
      <ImportCard />
      <SynonymsCard />
      <SettingsCard />
    </>
  );
}
