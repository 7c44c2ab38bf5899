import type { Today } from '@puente/core';
import { api } from '../../app/api';

/** The caller's day: overdue, due today, the coming week and appointments. */
export function getToday(): Promise<Today> {
  return api<Today>('GET', '/api/today');
}
