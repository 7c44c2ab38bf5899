import cluster from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';
import { METRICS_ANSWER, METRICS_ASK } from './cluster-primary.js';
import { registry } from './registry.js';

/**
 * Metrics of a cluster (PUENTE_WORKERS > 1). Each process counts its own
 * requests, statements and CPU in `registry`, labelled `worker` ("1", "2" …
 * for the HTTP workers, "jobs" for the background one). A scrape reaches one
 * HTTP worker; it asks the primary, which collects every worker's registry
 * with prom-client's AggregatorRegistry (its documented cluster mode) and
 * answers with the text, so each worker's figures appear under its own label
 * whichever worker was asked.
 */

/** Above prom-client's own 5 s wait for the workers, so its error (not ours) says which part failed. */
const ANSWER_WITHIN_MS = 6000;

let clustered = false;

/** In a worker: label this process's metrics and answer the primary's collection of them. */
export function labelWorkerMetrics(worker: string): void {
  clustered = true;
  registry.setDefaultLabels({ worker });
  // Constructing one adds prom-client's listener that answers the primary with `registry`'s metrics.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
}

/** Whether this process is a cluster's worker, whose scrape shows every worker. */
export const isClustered = () => clustered;

let asked = 0;
const waiting = new Map<number, { resolve(text: string): void; reject(error: Error): void }>();

/** In an HTTP worker: every worker's metrics in the text format, collected by the primary. */
export function everyWorkersMetrics(): Promise<string> {
  const id = ++asked;
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      waiting.delete(id);
      reject(new Error('the primary did not answer for the workers’ metrics'));
    }, ANSWER_WITHIN_MS);
    waiting.set(id, {
      resolve: (text) => {
        clearTimeout(timer);
        resolve(text);
      },
      reject: (error) => {
        clearTimeout(timer);
        reject(error);
      },
    });
    process.send?.({ type: METRICS_ASK, id });
  });
}

if (cluster.isWorker) {
  process.on('message', (message: { type?: string; id?: number; text?: string; error?: string }) => {
    if (message?.type !== METRICS_ANSWER || typeof message.id !== 'number') return;
    const pending = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error !== undefined) pending?.reject(new Error(message.error));
    else pending?.resolve(message.text ?? '');
  });
}
