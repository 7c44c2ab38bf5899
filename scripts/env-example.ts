// Writes .env.example and the README's table of variables from the settings schema
// (packages/server/src/config.ts), so neither can drift from what Puente reads: `npm run docs:env`.
import { readFile, writeFile } from 'node:fs/promises';
import { envExample, settingsTable } from '../packages/server/src/settings-docs.js';

await writeFile(new URL('../.env.example', import.meta.url), envExample());

const readme = new URL('../README.md', import.meta.url);
const text = await readFile(readme, 'utf8');
const start = '<!-- settings:start -->';
const end = '<!-- settings:end -->';
const [before, rest] = text.split(start);
const after = rest?.split(end)[1];
if (before === undefined || after === undefined) throw new Error(`README.md lacks ${start} … ${end}`);
await writeFile(readme, `${before}${start}\n\n${settingsTable()}\n\n${end}${after}`);
