import type { PublicTopic } from '@puente/core';
import type { PublicProps } from './public-props';

/** The program's crisis lines and its emergency number as big tap-to-call, tap-to-text and chat links. */
export function CrisisLines({
  lines,
  tr,
  emergency,
}: {
  lines: PublicTopic['crisisLines'];
  tr: PublicProps['tr'];
  emergency?: string | null | undefined;
}) {
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
            {line.chat && (
              <a class="call-button call-button--text" href={line.chat} target="_blank" rel="noreferrer">
                {tr('education.chat')}
              </a>
            )}
            {line.hours && <p class="hint">{tr('education.lineHours', { hours: line.hours })}</p>}
          </li>
        ))}
      </ul>
      {emergency ? (
        <a class="call-button call-button--emergency" href={`tel:${emergency.replace(/[^\d+]/g, '')}`}>
          {tr('education.emergencyCall', { number: emergency })}
        </a>
      ) : (
        <p>{tr('education.crisisNone')}</p>
      )}
    </section>
  );
}
