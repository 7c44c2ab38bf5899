import { useI18n } from '../../app/i18n';
import { PageHeading } from '../../ui/PageHeading';
import { DirectorySearch } from './DirectorySearch';
import './directory.css';

/** Find help: search the program's resource directory, then call, share or report a service. */
export function FindHelpScreen() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading text={t('directory.title')} />
      <p class="lead">{t('directory.intro')}</p>
      <DirectorySearch />
    </>
  );
}
