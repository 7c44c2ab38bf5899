import type { Client } from '@puente/core';

/** What every section of a person's page gets: the record, and a way to say it changed. */
export interface SectionProps {
  client: Client;
  /** Reloads the record and announces `message` politely. */
  onChanged: (message: string) => Promise<void>;
}
