import { useI18n } from '../../app/i18n';
import { PageHeading } from '../../ui/PageHeading';
import { ProposalQueue } from '../listing-proposals/ProposalQueue';
import { DirectorySheetCard } from './DirectorySheetCard';
import { FlagQueue } from './FlagQueue';
import { ImportCard } from './ImportCard';
import { ServiceFormCard } from './ServiceFormCard';
import { SettingsCard } from './SettingsCard';
import { SynonymsCard } from './SynonymsCard';
import './directory.css';

/** The admin's directory: what promotoras reported and partners proposed first, then bringing services in and fixing one, the program's search words and settings. */
export function AdminDirectoryScreen() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading text={t('directory.adminTitle')} />
      <p class="lead">{t('directory.adminIntro')}</p>
      <FlagQueue />
      <ProposalQueue />
      <DirectorySheetCard />
      <ServiceFormCard />
      <ImportCard />
      <SynonymsCard />
      <SettingsCard />
    </>
  );
}
