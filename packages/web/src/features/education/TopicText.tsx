import { markdownBlocks, spans } from '@puente/core';
import './education.css';

function Line({ text }: { text: string }) {
  return <>{spans(text).map((s, i) => (s.bold ? <strong key={i}>{s.text}</strong> : s.text))}</>;
}

/**
 * A topic's Markdown as elements. Never as HTML: a topic an admin typed
 * cannot carry markup into the page of the person who reads it.
 */
export function TopicText({ body, headingLevel = 2 }: { body: string; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div class="topic-text">
      {markdownBlocks(body).map((block, i) => {
        if (block.kind === 'heading')
          return (
            <Heading key={i}>
              <Line text={block.text} />
            </Heading>
          );
        if (block.kind === 'paragraph')
          return (
            <p key={i}>
              <Line text={block.text} />
            </p>
          );
        const List = block.ordered ? 'ol' : 'ul';
        return (
          <List key={i}>
            {block.items.map((item, j) => (
              <li key={j}>
                <Line text={item} />
              </li>
            ))}
          </List>
        );
      })}
    </div>
  );
}
