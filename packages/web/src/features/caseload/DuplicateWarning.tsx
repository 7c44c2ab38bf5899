import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import type { DuplicateMatch } from './api';

interface Props {
  duplicates: DuplicateMatch[];
  /** A strong match held by another CHW: said, never named nor counted. */
  heldElsewhere: boolean;
  busy: boolean;
  onRegisterAnyway: () => void;
}

/** "This may be someone you already know": the matches, links to them, and a way on if it is someone else. */
export function DuplicateWarning({ duplicates, heldElsewhere, busy, onRegisterAnyway }: Props) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const named = duplicates.filter((d): d is DuplicateMatch & { id: string; displayName: string } =>
    Boolean(d.id && d.displayName),
  );
  return (
    <section class="card card--warn" aria-labelledby="duplicate-title">
      <h2 id="duplicate-title" tabIndex={-1} ref={heading}>
        {t('people.duplicateTitle')}
      </h2>
      <p>{t('people.duplicateBody')}</p>
      {named.length > 0 && (
        <ul class="plain-list">
          {named.map((d) => (
            <li key={d.id}>
              <Link href={`/people/${d.id}`}>{t('people.openExisting', { name: d.displayName })}</Link>{' '}
              <span class="hint">
                ({t(d.match === 'phone' ? 'people.matchPhone' : 'people.matchBirthDate')})
              </span>
            </li>
          ))}
        </ul>
      )}
      {heldElsewhere && <p>{t('people.duplicateElsewhere')}</p>}
      <button type="button" disabled={busy} onClick={onRegisterAnyway}>
        {t('people.registerAnyway')}
      </button>
    </section>
  );
}
