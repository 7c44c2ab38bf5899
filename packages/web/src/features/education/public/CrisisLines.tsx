import type { PublicTopic } from '@puente/core';
import type { PublicProps } from './PublicApp';

/** The program's crisis lines as big tap-to-call and tap-to-text links. */
export function CrisisLines({ lines, tr }: { lines: PublicTopic['crisisLines']; tr: PublicProps['tr'] }) {
  return (
    <section class="card card--warn" aria-labelledby="crisis-heading">
      <h2 id="crisis-heading">{tr('education.crisisTitle')}</h2>
      <ul class="crisis-lines">
        {lines.map((line) => (
          <li key={line.label}>
            <p>
              <strong>{line.label}</strong>
            </p>
            {line.phone && (
              <a class="call-button" href={`tel:${line.phone.replace(/[^\d+]/g, '')}`}>
                {tr('education.call', { number: line.phone })}
              </a>
            )}
            {line.sms && (
              <a
                class="call-button call-button--text"
                href={`sms:${line.sms.replace(/[^\d+]/g, '')}${line.smsBody ? `?body=${encodeURIComponent(line.smsBody)}` : ''}`}
              >
                {tr('education.text', { body: line.smsBody ?? '', number: line.sms })}
              </a>
            )}
          </li>
        ))}
      </ul>
      <p>{tr('education.crisisNone')}</p>
    </section>
  );
}
