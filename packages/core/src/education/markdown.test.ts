import { describe, expect, it } from 'vitest';
import { FrontMatterError, markdownBlocks, plainText, spans, splitFrontMatter } from './markdown.js';

describe('topic Markdown', () => {
  it('reads headings, paragraphs, bullet and numbered lists', () => {
    const blocks = markdownBlocks(
      'Intro line one\nline two.\n\n## Why\n\n- rest\n- talk\n  more\n\n1. first\n2. second',
    );
    expect(blocks).toEqual([
      { kind: 'paragraph', text: 'Intro line one line two.' },
      { kind: 'heading', text: 'Why' },
      { kind: 'list', ordered: false, items: ['rest', 'talk more'] },
      { kind: 'list', ordered: true, items: ['first', 'second'] },
    ]);
  });

  it('keeps markup out: bold is a span, anything else stays text', () => {
    expect(spans('a **b** <script>c</script>')).toEqual([
      { text: 'a ', bold: false },
      { text: 'b', bold: true },
      { text: ' <script>c</script>', bold: false },
    ]);
  });

  it('ends headings and list items as sentences for readability', () => {
    expect(plainText('## Signs\n\n- Feeling tired\n- **Rest.**')).toBe('Signs.\nFeeling tired.\nRest.');
  });
});

describe('front matter', () => {
  it('splits key: value lines from the body, quotes removed', () => {
    const { data, body } = splitFrontMatter('---\nid: grief-en\ntitle: "Grief: after a loss"\n---\n\nText.');
    expect(data).toEqual({ id: 'grief-en', title: 'Grief: after a loss' });
    expect(body).toBe('Text.');
  });

  it.each([
    ['no front matter', 'Just text', /does not start/],
    ['an unclosed block', '---\nid: x\n', /no closing/],
    ['a line that is not key: value', '---\nid x\n---\nText', /line 2/],
  ])('refuses %s with a message saying where', (_what, file, message) => {
    expect(() => splitFrontMatter(file)).toThrow(FrontMatterError);
    expect(() => splitFrontMatter(file)).toThrow(message);
  });
});
