import type { BenchDatabase } from './database.js';
import type { Random } from './random.js';

export type Size = 'S' | 'M' | 'L';

/** What every scenario gets: a fresh migrated database, a seeded generator and the size asked for. */
export interface ScenarioContext {
  bench: BenchDatabase;
  random: Random;
  size: Size;
  /** A smoke check: the fewest repetitions that still give every figure; for shape, not for timing. */
  quick: boolean;
}

export interface ScenarioResult {
  data: Record<string, number>;
  figures: Record<string, { count: number; p50: number; p95: number; p99: number; max: number }>;
  /** Single measurements (bytes, seconds) beside the timed calls. */
  values?: Record<string, number>;
}
