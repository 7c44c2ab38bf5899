/**
 * The little Markdown the library uses — headings, paragraphs, bullet and numbered lists
 * and **bold** — read into blocks that screens render as elements. No HTML is
 * ever produced from a topic's text, so an edited topic cannot inject markup.
 */

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] };

/** One piece of a line: plain or bold. */
export interface Span {
  text: string;
  bold: boolean;
}

/**
 * Reads Markdown into blocks; anything else is kept as paragraph text.
 * @example markdownBlocks('## Why\n\n- rest\n- talk') // [{kind:'heading',…}, {kind:'list', items:['rest','talk']}]
 */
export function markdownBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: string[] | undefined;
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
    paragraph = [];
    list = undefined;
  };
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    const item = /^(?:([-*])|\d+\.)\s+(.*)$/.exec(line);
    if (!line) flush();
    else if (heading) {
      flush();
      blocks.push({ kind: 'heading', text: heading[1] ?? '' });
    } else if (item) {
      if (!list) {
        flush();
        list = [];
        blocks.push({ kind: 'list', ordered: item[1] === undefined, items: list });
      }
      list.push(item[2] ?? '');
    } else if (list && list.length > 0) {
      // A wrapped list item continues the last one.
      list[list.length - 1] = `${list[list.length - 1]} ${line}`;
    } else paragraph.push(line);
  }
  flush();
  return blocks;
}

/** Splits a line at `**` pairs into plain and bold spans. */
export function spans(line: string): Span[] {
  return line
    .split('**')
    .map((text, i) => ({ text, bold: i % 2 === 1 }))
    .filter((s) => s.text.length > 0);
}

/** The words a reader reads, for readability: headings and list items each end a sentence. */
export function plainText(markdown: string): string {
  return markdownBlocks(markdown)
    .flatMap((b) => (b.kind === 'list' ? b.items : [b.text]))
    .map((line) => line.replaceAll('**', '').trim())
    .map((line) => (/[.!?…:]$/.test(line) ? line : `${line}.`))
    .join('\n');
}

/** A front matter problem, in English for the person fixing the file. */
export class FrontMatterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrontMatterError';
  }
}

/**
 * Splits a file into its `---` front matter (flat `key: value` lines) and its body.
 * @throws FrontMatterError when the block is missing, unclosed or has a line that is not `key: value`
 */
export function splitFrontMatter(file: string): { data: Record<string, string>; body: string } {
  const text = file.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!text.startsWith('---\n')) throw new FrontMatterError('The file does not start with a --- line.');
  const end = text.indexOf('\n---', 4);
  if (end < 0) throw new FrontMatterError('The front matter has no closing --- line.');
  const data: Record<string, string> = {};
  for (const [i, line] of text.slice(4, end).split('\n').entries()) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const match = /^([A-Za-z][\w-]*):\s*(.*)$/.exec(line);
    if (!match?.[1]) throw new FrontMatterError(`Front matter line ${i + 2} is not "key: value": ${line}`);
    data[match[1]] = (match[2] ?? '').replace(/^(["'])(.*)\1$/, '$2').trim();
  }
  return {
    data,
    body: text
      .slice(end + 4)
      .replace(/^[^\n]*\n/, '')
      .trim(),
  };
}
