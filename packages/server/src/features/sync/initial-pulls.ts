import { PuenteError } from '@puente/core';
import { recordInitialPullRefused, watchInitialPulls } from '../metrics/registry.js';

/** A phone that got a page with more waiting keeps its place this long, so a sync once begun runs to its end. */
const KEPT_FOR_NEXT_PAGE_MS = 15_000;
/** A place held longer than this (an answer neither read to its end nor abandoned) is taken back. */
const LONGEST_HOLD_MS = 10 * 60_000;
/** Phones told to wait come back after 5 to 15 seconds, spread so they do not all return together. */
const RETRY_MIN_SECONDS = 5;
const RETRY_SPREAD_SECONDS = 10;

interface Place {
  /** Pulls of this device in progress (two of one device queue on its row lock, but may overlap at the edges). */
  pulls: number;
  /** When the place is given up if nothing happens first. */
  until: number;
}

/**
 * The places for initial pulls in one server process: at most `limit` devices
 * at once are being brought whole records of many people. A place is held from
 * the moment a pull is found to be initial until its answer has been read to
 * the end, has failed, or was abandoned; then it is free, or kept for the
 * same device's next page. Incremental pulls never take one.
 */
export class InitialPulls {
  private readonly places = new Map<string, Place>();

  constructor(
    readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Devices holding a place now. */
  inUse(): number {
    const now = this.now();
    for (const [device, place] of this.places) if (place.until <= now) this.places.delete(device);
    return this.places.size;
  }

  /** Takes a place for the device (or joins the one it has); false when every place is taken. */
  enter(device: string): boolean {
    const place = this.places.get(device);
    if (!place && this.inUse() >= this.limit) return false;
    this.places.set(device, { pulls: (place?.pulls ?? 0) + 1, until: this.now() + LONGEST_HOLD_MS });
    return true;
  }

  /** The device's next pull needed no place (its last pages were few people): the one kept for it is free. */
  release(device: string): void {
    if (this.places.get(device)?.pulls === 0) this.places.delete(device);
  }

  /** One pull of the device is over: its place is freed, or kept a little while its next page is due. */
  leave(device: string, nextPageDue: boolean): void {
    const place = this.places.get(device);
    if (!place) return;
    const pulls = place.pulls - 1;
    if (pulls > 0) this.places.set(device, { ...place, pulls });
    else if (nextPageDue) this.places.set(device, { pulls: 0, until: this.now() + KEPT_FOR_NEXT_PAGE_MS });
    else this.places.delete(device);
  }
}

// One set of places per server process; tests build apps with their own settings, each with its own.
const byConfig = new WeakMap<object, InitialPulls>();

export function initialPullsOf(config: { syncInitialPullsAtOnce: number }): InitialPulls {
  let places = byConfig.get(config);
  if (!places) {
    const made = new InitialPulls(config.syncInitialPullsAtOnce);
    byConfig.set(config, made);
    // The process's metrics read the newest set (a server has one; tests build several apps).
    watchInitialPulls(() => ({ inUse: made.inUse(), limit: made.limit }));
    places = made;
  }
  return places;
}

/** The refusal of an initial pull while every place is taken: come back in a few seconds, in words. */
export function busy(): PuenteError {
  const seconds = RETRY_MIN_SECONDS + Math.floor(Math.random() * (RETRY_SPREAD_SECONDS + 1));
  return new PuenteError(503, 'errors.syncBusy', { seconds }, { retryAfterSeconds: seconds });
}

/**
 * One pull's claim on a place: `admit` when the pull turns out to be initial
 * (throws the 503 when none is free), `leave` once its answer is over, whatever
 * happened; a pull that needed no place frees the one kept for its device.
 * Both may be called more than once.
 */
export function passFor(places: InitialPulls, device: string) {
  let admitted = false;
  return {
    admit(): void {
      if (admitted) return;
      if (!places.enter(device)) {
        recordInitialPullRefused();
        throw busy();
      }
      admitted = true;
    },
    leave(nextPageDue: boolean): void {
      if (admitted) places.leave(device, nextPageDue);
      else places.release(device);
      admitted = false;
    },
  };
}
export type InitialPullPass = ReturnType<typeof passFor>;
