import type { CrisisProtocolInfo, MessageKey, MessageParams } from '@puente/core';
import './crisis.css';

type Translate = (key: MessageKey, params?: MessageParams) => string;

const dial = (number: string) => number.replace(/[^\d+]/g, '');

/** The program's crisis lines as big tap-to-call, tap-to-text and chat links; never numbers of our own. */
export function CrisisLines({ info, tp }: { info: CrisisProtocolInfo | undefined; tp: Translate }) {
  const lines = info?.crisisLines ?? [];
  return (
    <section aria-labelledby="lines-title" class="protocol-block">
      <h2 id="lines-title">{tp('crisis.linesTitle')}</h2>
      {lines.length === 0 ? (
        <p>{tp('crisis.noLines')}</p>
      ) : (
        <>
          <p class="hint">{tp('crisis.linesHint')}</p>
          <ul class="call-list">
            {lines.map((line) => (
              <li key={`${line.label}-${line.phone ?? line.sms ?? line.chat}`}>
                {line.phone && (
                  <a class="call-button" href={`tel:${dial(line.phone)}`}>
                    <span class="call-label">{tp('crisis.call', { label: line.label })}</span>
                    <span class="call-number">{line.phone}</span>
                  </a>
                )}
                {line.sms && (
                  <a
                    class="call-button call-button--text"
                    href={`sms:${dial(line.sms)}${line.smsBody ? `?body=${encodeURIComponent(line.smsBody)}` : ''}`}
                  >
                    <span class="call-label">{tp('crisis.text', { label: line.label })}</span>
                    <span class="call-number">
                      {line.sms}
                      {line.smsBody ? ` · ${tp('crisis.textBody', { body: line.smsBody })}` : ''}
                    </span>
                  </a>
                )}
                {line.chat && (
                  <a class="call-button call-button--text" href={line.chat} target="_blank" rel="noreferrer">
                    <span class="call-label">{tp('crisis.chat', { label: line.label })}</span>
                  </a>
                )}
                {line.hours && <p class="hint">{tp('crisis.hours', { hours: line.hours })}</p>}
                {line.otherLanguages && line.otherLanguages.length > 0 && (
                  <p class="hint">
                    {tp('crisis.languages', {
                      languages: [line.language, ...line.otherLanguages].join(', '),
                    })}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The local emergency number as the biggest button on the screen, or plain words when it is not set. */
export function Emergency({ info, tp }: { info: CrisisProtocolInfo | undefined; tp: Translate }) {
  const number = info?.emergencyNumber;
  return (
    <section aria-labelledby="emergency-title" class="protocol-block protocol-emergency">
      <h2 id="emergency-title">{tp('crisis.emergencyTitle')}</h2>
      <p>{tp('crisis.emergencyBody')}</p>
      {number ? (
        <a class="call-button call-button--emergency" href={`tel:${dial(number)}`}>
          <span class="call-label">{tp('crisis.emergencyCall', { number })}</span>
        </a>
      ) : (
        <p>{tp('crisis.emergencyNotSet')}</p>
      )}
      <p>{tp('crisis.emergencyAfter')}</p>
    </section>
  );
}

/**
 * The on-call supervisor, one tap away, and who an alert reaches first: when
 * nobody is on call, the escalation target by name, never "nobody".
 */
export function OnCall({ info, tp }: { info: CrisisProtocolInfo | undefined; tp: Translate }) {
  const onCall = info?.onCall;
  const goesTo = info?.alertGoesTo;
  return (
    <section aria-labelledby="oncall-title" class="protocol-block">
      <h2 id="oncall-title">{tp('crisis.supervisorTitle')}</h2>
      {goesTo ? (
        <p>{tp(`crisis.goesTo_${goesTo.target}`, { names: goesTo.names.join(', ') })}</p>
      ) : (
        !onCall && info && <p>{tp('crisis.noSupervisor')}</p>
      )}
      {onCall && !onCall.phone && <p>{tp('crisis.supervisorNoPhone', { name: onCall.name })}</p>}
      {onCall?.phone && (
        <a class="call-button call-button--supervisor" href={`tel:${dial(onCall.phone)}`}>
          <span class="call-label">{tp('crisis.callSupervisor', { name: onCall.name })}</span>
          <span class="call-number">{onCall.phone}</span>
        </a>
      )}
    </section>
  );
}
