import { useEffect, useState } from 'react';
import { serverNow } from '../api/client';

/**
 * The server's current time, updated every second while `active`: for countdowns that must
 * agree with the server (when a code expires, when a new code may be asked).
 */
export function useServerNow(active: boolean): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    if (!active) return;
    const tick = () => setNow(serverNow());
    const timer = window.setInterval(tick, 1000);
    return () => window.clearInterval(timer);
  }, [active]);
  return now;
}
