import { useEffect, useRef, useState } from 'react';

/**
 * Moves focus to an element that the same update shows (an error summary, a "done" message):
 * the focus waits until React has drawn it. Returns the ref to put on the element and the
 * function to call.
 */
export function useFocusAfterRender<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [requests, setRequests] = useState(0);
  useEffect(() => {
    if (requests > 0) ref.current?.focus();
  }, [requests]);
  return [ref, () => setRequests((n) => n + 1)] as const;
}

/** Moves focus to the element once, when it first appears: the heading of a new step on the same address. */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}
