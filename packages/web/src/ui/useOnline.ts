import { useEffect, useState } from 'preact/hooks';

/**
 * Whether the browser says there is a connection, kept up to date: for the
 * few things only the server can do, so a screen can say so plainly.
 */
export function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    addEventListener('online', update);
    addEventListener('offline', update);
    return () => {
      removeEventListener('online', update);
      removeEventListener('offline', update);
    };
  }, []);
  return online;
}
