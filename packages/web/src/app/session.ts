import type { Me } from '@puente/core';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

interface SessionValue {
  me: Me;
  /** Replace the signed-in person after the server changed them (e.g. their language). */
  update: (me: Me) => void;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<SessionValue | undefined>(undefined);

/** The signed-in person. Only screens inside the shell may call this. */
export function useSession(): SessionValue {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the signed-in shell');
  return session;
}
