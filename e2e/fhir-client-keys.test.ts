import { exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { clinicToken } from './clinic.js';
import { apiAs, es, expectAccessible, expectHeading, openFromMenu, screenshot, signIn } from './flows.js';
import { demo, newPhone, useServerAndBrowser } from './harness.js';

const rig = useServerAndBrowser();

/** The clinic's system asks for a token, signing with its key: the token endpoint's answer. */
const tokenFor = (clientId: string, kid: string, key: CryptoKey, scope: string) =>
  clinicToken(rig.server.url, { clientId, kid, key }, scope);

describe('an admin registers a clinic system’s public keys, in Spanish on a phone', () => {
  it('refuses what is not a public key set in words, keeps the text, and then the clinic signs in with its key', async () => {
    const admin = await apiAs(rig.server.url, demo.admin);
    await admin('PUT', '/api/me/preferences', { locale: 'es' });
    const made = await admin<{ id: string; secret: string }>('POST', '/api/fhir-clients', {
      name: 'Clínica del Valle',
      partnerName: 'Clínica del Valle',
    });
    const { privateKey, publicKey } = await generateKeyPair('ES384', { extractable: true });
    const kid = 'valle-2026';
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES384', use: 'sig' };
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES384' };

    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await signIn(page, demo.admin);
    await openFromMenu(page, es('fhirClients.nav'));
    await expectHeading(page, es('fhirClients.title'));
    await page.getByText(es('fhirClients.secretDeprecated')).waitFor();
    await page
      .getByRole('button', { name: es('fhirClients.keysOpenNamed', { name: 'Clínica del Valle' }) })
      .click();
    const form = page.getByRole('form', { name: es('fhirClients.keysTitle', { name: 'Clínica del Valle' }) });
    await form.waitFor();
    await form.getByLabel(es('fhirClients.keysPasted')).check();
    const pasted = form.getByLabel(es('fhirClients.keysJson'));

    // Not JSON: refused on the phone, in words, with the text kept and the field focused.
    await pasted.fill('-----BEGIN PUBLIC KEY-----');
    await form.getByRole('button', { name: es('fhirClients.keysSave') }).click();
    await form.getByText(es('fhirClients.keysNotJson')).waitFor();
    expect(await pasted.inputValue()).toBe('-----BEGIN PUBLIC KEY-----');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');

    // The private key by mistake: the server refuses it and nothing changes.
    await pasted.fill(JSON.stringify(privateJwk));
    await form.getByRole('button', { name: es('fhirClients.keysSave') }).click();
    await form.getByText(es('fields.jwkPublicOnly')).waitFor();
    expect(await pasted.inputValue()).toBe(JSON.stringify(privateJwk));
    await expectAccessible(page, 'fhir client keys, refused (es)');

    // Nothing ticked would mean the API's default (read everything): refused instead.
    const scopes = form.getByRole('group', { name: es('fhirClients.scopesLegend') });
    for (const box of await scopes.getByRole('checkbox').all()) await box.uncheck();
    await pasted.fill(JSON.stringify({ keys: [publicJwk] }));
    await form.getByRole('button', { name: es('fhirClients.keysSave') }).click();
    await form.getByText(es('fhirClients.scopesNone')).waitFor();

    // Referrals only: it may send them and follow their Task.
    for (const type of ['ServiceRequest', 'Task'])
      await scopes.getByLabel(es('fhirClients.scopeWrites', { type, scope: `system/${type}.cru` })).check();
    await screenshot(page, 'fhir-client-keys-form');
    await form.getByRole('button', { name: es('fhirClients.keysSave') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: es('fhirClients.keysSaved', { name: 'Clínica del Valle' }) })
      .waitFor();
    await page
      .getByText(es('fhirClients.signsWithKeys', { scopes: 'system/ServiceRequest.cru system/Task.cru' }))
      .waitFor();
    await expectAccessible(page, 'fhir client keys, saved (es)');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide).toBeLessThanOrEqual(360);

    // The clinic now signs in with its key, for what was ticked only; its old secret no longer opens anything.
    const granted = await tokenFor(made.id, kid, privateKey, 'system/ServiceRequest.cru system/Task.cru');
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    expect(granted.body.scope?.split(' ').sort()).toEqual(['system/ServiceRequest.cru', 'system/Task.cru']);
    const reading = await tokenFor(made.id, kid, privateKey, 'system/Observation.rs');
    expect(reading.status).toBe(400);
    expect(reading.body.error).toBe('invalid_scope');
    const old = await fetch(`${rig.server.url}/fhir/r4/Patient`, {
      headers: { authorization: `Bearer ${made.secret}` },
    });
    expect(old.status).toBe(401);
  });
});
