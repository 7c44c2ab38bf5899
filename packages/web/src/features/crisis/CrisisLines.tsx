import type { CrisisProtocolInfo, MessageKey, MessageParams } from '@puente/core';

type Translate = (key: MessageKey, params?: MessageParams) => string;

const dial = (number: string) => number.replace(/[^\d+]/g, '');

/** The program's crisis lines as big tap-to-call and tap-to-text links; never numbers of our own. */
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
              <li key={`${line.label}-${line.phone ?? line.sms}`}>
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
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The on-call supervisor, one tap away. */
export function OnCall({ info, tp }: { info: CrisisProtocolInfo | undefined; tp: Translate }) {
  const onCall = info?.onCall;
  return (
    <section aria-labelledby="oncall-title" class="protocol-block">
      <h2 id="oncall-title">{tp('crisis.supervisorTitle')}</h2>
      {!onCall && <p>{tp('crisis.noSupervisor')}</p>}
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
