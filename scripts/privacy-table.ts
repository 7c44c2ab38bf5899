// Rewrites the README's privacy table from the policy module itself, so the
// document says what the code decides: `npm run docs:privacy`.
import { readFile, writeFile } from 'node:fs/promises';
import { privacyTable } from '@puente/core';

const readme = new URL('../README.md', import.meta.url);
const text = await readFile(readme, 'utf8');
const start = '<!-- privacy:start -->';
const end = '<!-- privacy:end -->';
const [before, rest] = text.split(start);
const after = rest?.split(end)[1];
if (before === undefined || after === undefined) throw new Error(`README.md lacks ${start} … ${end}`);
await writeFile(readme, `${before}${start}\n\n${privacyTable()}\n\n${end}${after}`);
