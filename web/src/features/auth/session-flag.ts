/**
 * Remembers (for this browser tab) that the person was logged in, so that a 401 can be told
 * apart: "your session ended" versus "you have not logged in yet".
 */
const key = 'kring.hadSession';

export function markLoggedIn(): void {
  try {
    window.sessionStorage.setItem(key, '1');
  } catch {
    // Without sessionStorage the login page just shows no notice.
  }
}

/** Forgets the flag and tells whether it was set. */
export function clearLoggedIn(): boolean {
  try {
    const was = window.sessionStorage.getItem(key) === '1';
    window.sessionStorage.removeItem(key);
    return was;
  } catch {
    return false;
  }
}
