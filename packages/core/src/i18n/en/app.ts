/** Words of the web app shell. Feature screens add their own namespace. */
export const app = {
  name: 'Puente',
} as const;
