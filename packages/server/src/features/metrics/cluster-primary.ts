import cluster, { type Worker } from 'node:cluster';

/** What a worker asks the primary, and what the primary answers (cluster.ts is the workers' side). */
export const METRICS_ASK = 'puente:metrics';
export const METRICS_ANSWER = 'puente:metrics-answer';

/**
 * In the primary: answer each worker that asks for every worker's metrics,
 * collected with prom-client's AggregatorRegistry (its documented cluster
 * mode). prom-client is loaded at the first scrape: the primary serves
 * nothing else, and most programs never scrape it.
 */
export function serveClusterMetrics(): void {
  let collect: Promise<() => Promise<string>> | undefined;
  cluster.on('message', (worker: Worker, message: { type?: string; id?: number }) => {
    if (message?.type !== METRICS_ASK) return;
    collect ??= import('prom-client').then(({ AggregatorRegistry }) => {
      const aggregator = new AggregatorRegistry();
      return () => aggregator.clusterMetrics();
    });
    collect
      .then((clusterMetrics) => clusterMetrics())
      .then(
        (text) => worker.isConnected() && worker.send({ type: METRICS_ANSWER, id: message.id, text }),
        (error: Error) =>
          worker.isConnected() && worker.send({ type: METRICS_ANSWER, id: message.id, error: error.message }),
      );
  });
}
