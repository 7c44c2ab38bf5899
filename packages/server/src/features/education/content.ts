import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  FrontMatterError,
  type Locale,
  locales,
  plainText,
  readability,
  splitFrontMatter,
  TopicFrontMatter,
} from '@puente/core';

/** Where the topics shipped with Puente live: `content/education/{en,es}/*.md`. */
export const shippedContentDir = fileURLToPath(new URL('../../../content/education/', import.meta.url));

export interface ShippedTopic extends TopicFrontMatter {
  body: string;
  file: string;
}

export interface TopicFileProblem {
  file: string;
  message: string;
}

/** The readability figure shown to editors and checked for shipped topics. */
export function topicReadability(body: string, language: Locale) {
  const r = readability(plainText(body), language);
  return { formula: r.formula, score: r.score, grade: r.grade, words: r.words };
}

/**
 * Reads every topic file under `dir`. A file that cannot be read is left out
 * and named in `problems` with the reason; the others still load, and a topic
 * whose other language is missing is reported too.
 */
export async function readTopicFiles(
  dir = shippedContentDir,
): Promise<{ topics: ShippedTopic[]; problems: TopicFileProblem[] }> {
  const topics: ShippedTopic[] = [];
  const problems: TopicFileProblem[] = [];
  for (const folder of locales) {
    const names = await readdir(join(dir, folder)).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith('.md')).sort()) {
      const file = `${folder}/${name}`;
      try {
        const { data, body } = splitFrontMatter(await readFile(join(dir, file), 'utf8'));
        const parsed = TopicFrontMatter.safeParse(data);
        if (!parsed.success) {
          const fields = parsed.error.issues.map((i) => i.path.join('.') || 'front matter');
          problems.push({ file, message: `Front matter: check ${[...new Set(fields)].join(', ')}.` });
          continue;
        }
        if (parsed.data.language !== folder) {
          problems.push({
            file,
            message: `The file says language ${parsed.data.language} but is in ${folder}/.`,
          });
          continue;
        }
        if (!body) problems.push({ file, message: 'The topic has no text.' });
        else topics.push({ ...parsed.data, body, file });
      } catch (error) {
        const message = error instanceof FrontMatterError ? error.message : 'The file could not be read.';
        problems.push({ file, message });
      }
    }
  }
  const ids = new Set(topics.map((t) => t.id));
  const linked = topics.filter((t) => {
    if (ids.has(t.otherLanguage)) return true;
    problems.push({ file: t.file, message: `Its other language (${t.otherLanguage}) is missing.` });
    return false;
  });
  return { topics: linked, problems };
}

let shipped: Promise<ShippedTopic[]> | undefined;

/**
 * The shipped topics, read once per process: they only change with a new
 * release. Broken files are logged by the caller through `onProblem`.
 */
export function shippedTopics(onProblem: (p: TopicFileProblem) => void = () => {}): Promise<ShippedTopic[]> {
  shipped ??= readTopicFiles().then(({ topics, problems }) => {
    for (const p of problems) onProblem(p);
    return topics;
  });
  return shipped;
}
