/**
 * Runs tasks a few at a time, never two on the same table at once: PostgreSQL
 * would make the second wait on the first's lock (a primary key's build locks
 * its table whole) and hold a connection idle, and two foreign keys between
 * the same tables taken in opposite orders would deadlock. Among the tasks
 * whose tables are free, the one added first starts first: a table's tasks run
 * in the order they were added.
 */
export class Builders {
  #limit: number;
  readonly #queue: { tables: string[]; run: () => Promise<void> }[] = [];
  readonly #busy = new Set<string>();
  readonly #waiting: (() => void)[] = [];
  #running = 0;
  /** The first task's error: no task starts after it. */
  failure: unknown;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** How many run at once from now on. */
  set limit(limit: number) {
    this.#limit = limit;
    this.#pump();
  }

  add(tables: string[], run: () => Promise<void>): void {
    this.#queue.push({ tables, run });
    this.#pump();
  }

  /** Resolves when every task added has finished; rejects with the first failure. */
  async done(): Promise<void> {
    if (!this.#quiet()) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    if (this.failure !== undefined) throw this.failure;
  }

  /** Resolves when nothing runs any more (after a failure, the tasks still queued never start). */
  async stopped(): Promise<void> {
    this.failure ??= new Error('stopped');
    if (!this.#quiet()) await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  #quiet(): boolean {
    return this.#running === 0 && (this.#queue.length === 0 || this.failure !== undefined);
  }

  #pump(): void {
    while (this.failure === undefined && this.#running < this.#limit) {
      const at = this.#queue.findIndex((t) => t.tables.every((name) => !this.#busy.has(name)));
      if (at < 0) break;
      const [task] = this.#queue.splice(at, 1);
      if (!task) break;
      this.#running++;
      for (const name of task.tables) this.#busy.add(name);
      task
        .run()
        .catch((error: unknown) => {
          this.failure ??= error;
        })
        .finally(() => {
          this.#running--;
          for (const name of task.tables) this.#busy.delete(name);
          this.#pump();
          if (this.#quiet()) for (const resolve of this.#waiting.splice(0)) resolve();
        });
    }
  }
}
