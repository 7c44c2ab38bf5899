import { z } from 'zod';

/** A yes-or-no setting, in the spellings shells and `.env` files use. */
export const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => ['true', '1', 'yes'].includes(v));

/** A whole number between `min` and `max`, each bound named in the message when crossed. */
export const whole = (min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` });

/** What a setting means, for `.env.example` and the README; `shown` stands in for a default computed from other settings. */
export const about = (description: string, shown?: string) => ({
  description,
  ...(shown ? { shown } : {}),
});
