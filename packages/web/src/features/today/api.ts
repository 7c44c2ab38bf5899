import type { Today } from '@puente/core';
import { data } from '../../offline/data';

/** The caller's day: overdue, due today, the coming week and appointments (from the phone's copy when there is one). */
export function getToday(): Promise<Today> {
  return data().today();
}
