import { z } from 'zod';
import { LocaleSchema } from '../auth/schemas.js';
import { crisisGaps } from '../screening/crisis.js';

/** The steps of setting up a program, in the order an admin is asked to take them. */
export const setupSteps = [
  'name',
  'logo',
  'timeZone',
  'language',
  'crisis',
  'teams',
  'chws',
  'directory',
  'caseload',
] as const;
export type SetupStepId = (typeof setupSteps)[number];

/** The name the first start gives every program: until it is changed, the program has not named itself. */
export const firstStartProgramName = 'Puente';

/**
 * One step: done, missing, or not something Puente can do yet. What it found is said with it
 * (the name, the zone, how many), so the screen can say it in plain words without a second call.
 */
export const SetupStep = z.object({
  id: z.enum(setupSteps),
  state: z.enum(['done', 'missing', 'unavailable']),
  /** An optional step never counts as missing for the program to start. */
  optional: z.boolean(),
  /** How many were found: teams, CHW accounts, services. */
  count: z.number().int().min(0).optional(),
  /** CHW accounts whose owner has not yet chosen a password from the invitation. */
  pending: z.number().int().min(0).optional(),
  /** The program's name or time zone as set now. */
  value: z.string().optional(),
  language: LocaleSchema.optional(),
  /** What the crisis response still lacks before CHWs may screen. */
  gaps: z.array(z.enum(crisisGaps)).optional(),
});
export type SetupStep = z.infer<typeof SetupStep>;

export const SetupChecklist = z
  .object({
    steps: z.array(SetupStep),
    /** Required steps done, of all required steps. */
    done: z.number().int().min(0),
    required: z.number().int().min(0),
  })
  .meta({ id: 'SetupChecklist' });
export type SetupChecklist = z.infer<typeof SetupChecklist>;
