/** What the login page may be told when the app sends someone there. */
export interface LoginLocationState {
  /**
   * sessionEnded: the session timed out; loggedOut: the person logged out; smsStepEnded: the SMS
   * page found no login attempt in this browser (it expired, or was already completed).
   */
  notice?: LoginNotice;
  /** The page to return to after logging in. */
  from?: string;
}

export type LoginNotice = 'sessionEnded' | 'loggedOut' | 'smsStepEnded';

const notices: readonly string[] = ['sessionEnded', 'loggedOut', 'smsStepEnded'] satisfies LoginNotice[];

export function readLoginState(state: unknown): LoginLocationState {
  if (!state || typeof state !== 'object') return {};
  const { notice, from } = state as Record<string, unknown>;
  return {
    notice: typeof notice === 'string' && notices.includes(notice) ? (notice as LoginNotice) : undefined,
    // Only a path inside this app: never another site ("//evil.example").
    from:
      typeof from === 'string' &&
      from.startsWith('/') &&
      !from.startsWith('//') &&
      from !== '/inloggen' &&
      !from.startsWith('/inloggen/')
        ? from
        : undefined,
  };
}
