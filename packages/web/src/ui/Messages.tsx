import type { Problem } from '@puente/core';
import type { ComponentChildren } from 'preact';

/**
 * The place where refusals appear. The live region is always in the page, so screen readers
 * announce a message as soon as it is inserted.
 */
export function ProblemAlert({ problem }: { problem: Problem | undefined }) {
  return (
    <div role="alert" class={problem ? 'alert' : 'alert alert--empty'}>
      {problem && (
        <>
          <p class="alert-title">{problem.title}</p>
          {problem.detail && problem.detail !== problem.title && <p>{problem.detail}</p>}
        </>
      )}
    </div>
  );
}

/** Polite news: "saved", "added". */
export function StatusMessage({ message }: { message: string | undefined }) {
  return (
    <div role="status" class={message ? 'status' : 'status status--empty'}>
      {message && <p>{message}</p>}
    </div>
  );
}

/** What an empty list means and what to do next. */
export function EmptyState({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <div class="empty">
      <h2>{title}</h2>
      {children}
    </div>
  );
}
