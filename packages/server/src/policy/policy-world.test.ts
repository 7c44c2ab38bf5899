// The policy property: in a generated world, what every actor gets back on every
// surface is exactly what `decide` in core allows — before and after a random
// withdrawal of consent. Runs on PGlite and PostgreSQL like every server test.
import { shareableKinds } from '@puente/core';
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { useApp } from '../test/app.js';
import { addPerson, buildWorld, type PersonSpec, type WorldAccess, withdraw } from './world/build.js';
import type { WorldModel } from './world/model.js';
import { checkClinics, checkLinks, checkPartners, checkStaff } from './world/observe.js';

const h = useApp();
let model: WorldModel;
let access: WorldAccess;

beforeAll(async () => {
  ({ model, access } = await buildWorld(h));
}, 120_000);

const personSpec: fc.Arbitrary<PersonSpec> = fc.record({
  holder: fc.constantFrom('chwA', 'chwLoose', 'chwB'),
  safeToContact: fc.boolean(),
  serviceConsent: fc.constantFrom(true, true, true, false),
  shares: fc.array(
    fc.record({
      to: fc.constantFrom('food', 'legal', 'byName'),
      dataKinds: fc.option(fc.subarray([...shareableKinds]), { nil: null }),
    }),
    { maxLength: 2 },
  ),
  referrals: fc.array(
    fc.record({
      service: fc.constantFrom('pantry', 'legal'),
      shares: fc.subarray(['phone', 'age-range'] as ('phone' | 'age-range')[]),
      doNotContact: fc.boolean(),
    }),
    { maxLength: 2 },
  ),
  screened: fc.boolean(),
  goal: fc.boolean(),
  visit: fc.boolean(),
  brokenBySupB: fc.boolean(),
  link: fc.boolean(),
});

async function checkEverySurface() {
  await checkStaff(h, model, access);
  await checkPartners(h, model, access);
  await checkClinics(h, model, access);
  await checkLinks(h, model);
}

describe('one policy on every surface', () => {
  it('gives each actor exactly what decide() allows, before and after a withdrawal', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(personSpec, { minLength: 1, maxLength: 3 }),
        fc.nat(),
        async (specs, pick) => {
          for (const spec of specs) await addPerson(h, model, access, spec);
          await checkEverySurface();
          const standing = model.people.flatMap((p) =>
            p.consents.filter((k) => k.revokedAt === null).map((k) => ({ p, k })),
          );
          const chosen = standing[pick % Math.max(1, standing.length)];
          if (!chosen) return;
          await withdraw(h, access, chosen.p, chosen.k.id);
          await checkEverySurface();
        },
      ),
      // The world grows from run to run (the database is shared), so a failure is reported as found, not shrunk.
      { numRuns: 6, endOnFailure: true },
    );
  }, 600_000);
});
