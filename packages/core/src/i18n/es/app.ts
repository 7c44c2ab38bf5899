import type { app as en } from '../en/app.js';

export const app: Record<keyof typeof en, string> = {
  name: 'Puente',
};
