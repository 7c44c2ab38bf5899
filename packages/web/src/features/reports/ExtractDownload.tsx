import type { Locale, ReportFilters } from '@puente/core';
import { ApiError, readProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { t as translate } from '../../app/messages';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { useStepUp } from '../two-factor/useStepUp';
import { extractCsvUrl } from './api';

/** The file name the server gave, else a plain one. */
function fileNameOf(response: Response): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  return /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? 'extract.csv';
}

/**
 * Fetches the extract, then hands it to the browser as a download: a plain link
 * could not show the step-up check the server asks for first.
 */
async function downloadExtract(filters: ReportFilters, locale: Locale): Promise<void> {
  let response: Response;
  try {
    response = await fetch(extractCsvUrl(filters), {
      credentials: 'same-origin',
      headers: { Accept: 'text/csv', 'Accept-Language': locale },
    });
  } catch {
    const title = translate(locale, 'app.networkError');
    throw new ApiError({ type: 'about:blank', status: 0, code: 'network', title });
  }
  if (!response.ok) throw new ApiError(await readProblem(response));
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(response);
  document.body.append(link);
  link.click();
  link.remove();
  // Long enough for the browser to start saving the file.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The person-level extract's download, behind a step-up check. */
export function ExtractDownload({ filters }: { filters: ReportFilters }) {
  const { t, locale } = useI18n();
  const { guard, dialog } = useStepUp();
  const { busy, problem, run } = useAction();
  const click = () => void run(() => guard(() => downloadExtract(filters, locale)));
  return (
    <>
      <ProblemAlert problem={problem} />
      <p>
        <button type="button" onClick={click} disabled={busy} aria-busy={busy}>
          {busy ? t('twoFactor.downloading') : t('reports.downloadExtract')}
        </button>
      </p>
      {dialog}
    </>
  );
}
