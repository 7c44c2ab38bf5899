import { Env } from './config.js';

/** One setting as the documents show it. */
export interface SettingDoc {
  name: string;
  /** The default as text: what an unset variable parses to, else the rule that computes it; empty when none. */
  default: string;
  /** Whether the default is computed from other settings (and so cannot be written as a value). */
  computed: boolean;
  meaning: string;
}

/** Every setting of the schema, in its order. */
export function settingDocs(): SettingDoc[] {
  return Object.entries(Env.shape).map(([name, schema]) => {
    const meta = schema.meta() as { description?: string; shown?: string } | undefined;
    if (!meta?.description)
      throw new Error(
        `The setting ${name} has no meaning in its schema (config.ts, config/ or a feature’s settings.ts): add .meta(about(…)).`,
      );
    const parsed = schema.safeParse(undefined);
    const value = parsed.success && parsed.data !== undefined ? String(parsed.data) : '';
    return {
      name,
      default: meta.shown ?? value,
      computed: meta.shown !== undefined,
      meaning: meta.description,
    };
  });
}

/** A value as a dotenv line reads it: quoted when it holds spaces or characters a shell would take. */
const envValue = (value: string) => (/[\s#"'<>$`\\]/.test(value) ? JSON.stringify(value) : value);

/** `.env.example`: every setting commented out at its default, so a copy changes only what is uncommented. */
export function envExample(): string {
  const blocks = settingDocs().map((s) => {
    const meaning = `# ${s.meaning.replaceAll('`', '')}`;
    return s.computed
      ? `${meaning}\n# (default: ${s.default})\n# ${s.name}=`
      : `${meaning}\n# ${s.name}=${envValue(s.default)}`;
  });
  return [
    '# Every setting of Puente with its default, written from packages/server/src/config.ts',
    '# by `npm run docs:env`: do not edit by hand. Copy it to .env, uncomment what you change,',
    '# and start with `node --env-file=.env packages/server/dist/cli.js start`.',
    '',
    blocks.join('\n\n'),
    '',
  ].join('\n');
}

/** The README's table of variables. */
export function settingsTable(): string {
  const rows = settingDocs().map(
    (s) => `| \`${s.name}\` | ${s.default === '' ? '—' : `\`${s.default}\``} | ${s.meaning} |`,
  );
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
