import { z } from 'zod';

/** Texts handed to the provider per second when TEXTS_PER_SECOND is not set. */
export const defaultTextsPerSecond = 250;

/**
 * The text-message provider's settings, spread into the one list of
 * environment variables in config.ts (which writes `.env.example` and the
 * README table from it). Secrets live only here, never in the database;
 * what a program chooses (its number, reminder times, quiet hours,
 * templates) is in the database. Without TEXT_PROVIDER nothing is sent.
 */
export const textEnv = {
  TEXT_PROVIDER: z.enum(['twilio', 'gateway'], { message: 'must be twilio or gateway' }).optional().meta({
    description:
      'text messages (reminders, two-way texts): `twilio`, or `gateway` for an HTTP SMS gateway (RapidPro/TextIt, an Android gateway phone, a local aggregator); without it no text is sent and phones open their own `sms:` links',
  }),
  TEXT_PROVIDER_URL: z.url({ message: 'must be a URL such as https://api.twilio.com' }).optional().meta({
    description:
      "the provider's API address: Twilio's unless set; for `gateway`, where messages are POSTed as JSON (`<url>/messages`)",
    shown: 'https://api.twilio.com for twilio',
  }),
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, { message: 'must be AC followed by 32 hexadecimal digits' })
    .optional()
    .meta({ description: 'Twilio account SID (with `TEXT_PROVIDER=twilio`)' }),
  TWILIO_AUTH_TOKEN: z.string().min(16, { message: 'must be at least 16 characters' }).optional().meta({
    description: "Twilio auth token: sends messages and checks Twilio's X-Twilio-Signature on its callbacks",
  }),
  TEXT_GATEWAY_TOKEN: z.string().min(16, { message: 'must be at least 16 characters' }).optional().meta({
    description: 'with `TEXT_PROVIDER=gateway`: the bearer token Puente sends to the gateway',
  }),
  TEXT_GATEWAY_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).optional().meta({
    description:
      'with `TEXT_PROVIDER=gateway`: the key the gateway signs its callbacks with (HMAC-SHA256 of timestamp and body, header X-Puente-Signature)',
  }),
  TEXT_COUNTRY_CODE: z
    .string()
    .regex(/^[1-9]\d{0,2}$/, { message: 'must be a country calling code such as 1 or 52' })
    .default('1')
    .meta({ description: 'country calling code for phone numbers written without +' }),
  TEXTS_PER_SECOND: z.coerce
    .number({ message: 'must be a number of texts per second' })
    .int({ message: 'must be a whole number of texts per second' })
    .min(1, { message: 'must be at least 1' })
    .max(1000, { message: 'must be at most 1000' })
    .default(defaultTextsPerSecond)
    .meta({
      description:
        'the most texts handed to the provider per second, per server, so a burst of reminders is spread over the minute instead of taking the server at once (10,000 due together take about 50 s at 250); lower it to what a gateway phone or an aggregator accepts',
    }),
};

type TextEnv = z.infer<z.ZodObject<typeof textEnv>>;

export type TextProviderSettings =
  | ({ kind: 'twilio'; baseUrl: string; accountSid: string; authToken: string } & Sending)
  | ({ kind: 'gateway'; baseUrl: string; token: string; secret: string } & Sending);

interface Sending {
  countryCode: string;
  /** TEXTS_PER_SECOND; left out (tests that build settings by hand), its default. */
  perSecond?: number;
}

/** The names the log must never print the value of. */
export const textSecrets = ['TWILIO_AUTH_TOKEN', 'TEXT_GATEWAY_TOKEN', 'TEXT_GATEWAY_SECRET'];

/** What is missing for the chosen provider, one line per setting (empty when all is there). */
export function textSettingsProblems(env: TextEnv): string[] {
  const need = (names: (keyof TextEnv)[]) =>
    names.filter((n) => !env[n]).map((n) => `${n} must be set with TEXT_PROVIDER=${env.TEXT_PROVIDER}`);
  if (env.TEXT_PROVIDER === 'twilio') return need(['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN']);
  if (env.TEXT_PROVIDER === 'gateway')
    return need(['TEXT_PROVIDER_URL', 'TEXT_GATEWAY_TOKEN', 'TEXT_GATEWAY_SECRET']);
  return [];
}

/** The provider's settings, or undefined when texts are off (or a setting is missing: `textSettingsProblems` says which). */
export function textProviderSettings(env: TextEnv): TextProviderSettings | undefined {
  const countryCode = env.TEXT_COUNTRY_CODE;
  const perSecond = env.TEXTS_PER_SECOND;
  const baseUrl = (url: string) => url.replace(/\/+$/, '');
  if (env.TEXT_PROVIDER === 'twilio' && env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN) {
    return {
      kind: 'twilio',
      baseUrl: baseUrl(env.TEXT_PROVIDER_URL ?? 'https://api.twilio.com'),
      accountSid: env.TWILIO_ACCOUNT_SID,
      authToken: env.TWILIO_AUTH_TOKEN,
      countryCode,
      perSecond,
    };
  }
  if (
    env.TEXT_PROVIDER === 'gateway' &&
    env.TEXT_PROVIDER_URL &&
    env.TEXT_GATEWAY_TOKEN &&
    env.TEXT_GATEWAY_SECRET
  ) {
    return {
      kind: 'gateway',
      baseUrl: baseUrl(env.TEXT_PROVIDER_URL),
      token: env.TEXT_GATEWAY_TOKEN,
      secret: env.TEXT_GATEWAY_SECRET,
      countryCode,
      perSecond,
    };
  }
  return undefined;
}
