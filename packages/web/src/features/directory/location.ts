import { useState } from 'preact/hooks';

export type LocationStatus = 'idle' | 'locating' | 'located' | 'denied' | 'unavailable' | 'unsupported';
export type Position = { lat: number; lng: number };

/**
 * The phone's position, asked for only when the CHW chooses "My location", and kept in memory only.
 * @example const where = useLocation(remembered.position); where.locate();
 */
export function useLocation(initial: Position | undefined) {
  const [position, setPosition] = useState(initial);
  const [status, setStatus] = useState<LocationStatus>(initial ? 'located' : 'idle');

  const locate = () => {
    if (!('geolocation' in navigator)) return setStatus('unsupported');
    setStatus('locating');
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setPosition({ lat: p.coords.latitude, lng: p.coords.longitude });
        setStatus('located');
      },
      (error) => setStatus(error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable'),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 5 * 60_000 },
    );
  };

  return { position, status, locate };
}
