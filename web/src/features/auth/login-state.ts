/** What the login page may be told when the app sends someone there. */
export interface LoginLocationState {
  notice?: 'sessionEnded' | 'loggedOut';
  /** The page to return to after logging in. */
  from?: string;
}

export function readLoginState(state: unknown): LoginLocationState {
  if (!state || typeof state !== 'object') return {};
  const { notice, from } = state as Record<string, unknown>;
  return {
    notice: notice === 'sessionEnded' || notice === 'loggedOut' ? notice : undefined,
    // Only a path inside this app: never another site ("//evil.example").
    from:
      typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/inloggen'
        ? from
        : undefined,
  };
}
