import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { CheckGroup, Field, TextArea } from '../../ui/Field';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { useStepUp } from '../two-factor/useStepUp';
import './fhir-clients.css';
import { type ClientKeys, type FhirClient, registerClientKeys, supportedScopes } from './api';

type Where = 'url' | 'pasted';

/** `system/Patient.rs` → the type and the access, for a label in words. */
const scopeParts = (scope: string) => {
  const [, type = scope, access = ''] = /^system\/([^.]+)\.(\w+)$/.exec(scope) ?? [];
  return { type, writes: /[cud]/.test(access) };
};

/**
 * Registers the public keys a clinic's system signs its token requests with
 * (SMART Backend Services), published at an address or pasted, and what its
 * tokens may do. Its static secret stops working when they are saved, which
 * the form says before the button. A refusal keeps everything as typed.
 */
export function ClientKeysForm({
  client,
  onSaved,
}: {
  client: FhirClient;
  onSaved: (client: FhirClient) => void;
}) {
  const { t } = useI18n();
  const [where, setWhere] = useState<Where>(client.jwksUrl ? 'url' : 'pasted');
  const [url, setUrl] = useState(client.jwksUrl ?? '');
  const [pasted, setPasted] = useState('');
  const [offered, setOffered] = useState<string[]>();
  const [scopes, setScopes] = useState<string[]>(
    client.authentication === 'private-key-jwt' ? client.scopes : [],
  );
  const [notJson, setNotJson] = useState(false);
  const [noScope, setNoScope] = useState(false);
  const { busy, problem, errors, run } = useAction();
  const { guard, dialog } = useStepUp();
  const id = `fhir-keys-${client.id}`;

  useEffect(() => {
    supportedScopes().then(
      (all) => {
        setOffered(all);
        // A first registration starts from reading everything it may be shown, as the API's default does.
        if (client.authentication !== 'private-key-jwt') setScopes(all.filter((s) => !scopeParts(s).writes));
      },
      () => setOffered([]),
    );
  }, [client.authentication]);

  const focusFirstError = () =>
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`#${id} [aria-invalid="true"]`)?.focus());

  const submit = async (event: Event) => {
    event.preventDefault();
    // None ticked would leave the API's default (read every type): refused here instead.
    const noScope = offered !== undefined && offered.length > 0 && scopes.length === 0;
    setNoScope(noScope);
    if (noScope)
      return requestAnimationFrame(() =>
        document.querySelector<HTMLElement>(`#${id} input[name="${id}-scopes"]`)?.focus(),
      );
    const body: ClientKeys = scopes.length > 0 ? { scopes } : {};
    if (where === 'url') body.jwksUrl = url.trim();
    else {
      let keys: unknown;
      try {
        keys = JSON.parse(pasted);
      } catch {
        keys = undefined;
      }
      // A key set, or one key pasted alone: both are what integrators copy from their tools.
      const set = Array.isArray((keys as { keys?: unknown })?.keys)
        ? (keys as ClientKeys['jwks'])
        : keys && typeof keys === 'object'
          ? ({ keys: [keys] } as ClientKeys['jwks'])
          : undefined;
      setNotJson(!set);
      if (!set) return focusFirstError();
      body.jwks = set;
    }
    let saved: FhirClient | undefined;
    const ok = await run(async () => {
      saved = await guard(() => registerClientKeys(client.id, body));
    });
    if (ok && saved) onSaved(saved);
    else focusFirstError();
  };

  const pastedError = notJson ? t('fhirClients.keysNotJson') : (errors.jwks ?? undefined);
  return (
    <>
      <form
        id={id}
        class="card card--inner fhir-keys"
        onSubmit={submit}
        noValidate
        aria-labelledby={`${id}-title`}
      >
        <h3 id={`${id}-title`}>{t('fhirClients.keysTitle', { name: client.name })}</h3>
        <p class="hint">{t('fhirClients.keysIntro')}</p>
        <ProblemAlert problem={problem} />
        <fieldset class="checks">
          <legend>{t('fhirClients.keysWhere')}</legend>
          {(['url', 'pasted'] as const).map((w) => (
            <label key={w} class="check">
              <input type="radio" name={`${id}-where`} checked={where === w} onChange={() => setWhere(w)} />
              <span>{t(w === 'url' ? 'fhirClients.keysAtUrl' : 'fhirClients.keysPasted')}</span>
            </label>
          ))}
        </fieldset>
        {where === 'url' ? (
          <Field
            id={`${id}-url`}
            label={t('fhirClients.keysUrl')}
            hint={t('fhirClients.keysUrlHint')}
            inputMode="url"
            spellcheck={false}
            autoCapitalize="off"
            autocomplete="off"
            maxLength={2000}
            value={url}
            onValue={setUrl}
            error={errors.jwksUrl}
          />
        ) : (
          <TextArea
            id={`${id}-pasted`}
            label={t('fhirClients.keysJson')}
            hint={t('fhirClients.keysJsonHint')}
            maxLength={20000}
            value={pasted}
            onValue={(v) => {
              setPasted(v);
              setNotJson(false);
            }}
            error={pastedError}
          />
        )}
        {offered && offered.length > 0 && (
          <CheckGroup
            id={`${id}-scopes`}
            legend={t('fhirClients.scopesLegend')}
            options={offered}
            labelOf={(s) => {
              const { type, writes } = scopeParts(s);
              if (type === '*') return t('fhirClients.scopeReadsAll', { scope: s });
              return t(writes ? 'fhirClients.scopeWrites' : 'fhirClients.scopeReads', { type, scope: s });
            }}
            values={scopes}
            onValues={(v) => {
              setScopes(v);
              setNoScope(false);
            }}
            error={noScope ? t('fhirClients.scopesNone') : errors.scopes}
          />
        )}
        {client.authentication === 'secret' && <p>{t('fhirClients.keysEndSecret')}</p>}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('fhirClients.keysSaving') : t('fhirClients.keysSave')}
        </button>
      </form>
      {dialog}
    </>
  );
}
