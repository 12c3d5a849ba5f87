import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { setCsrfToken, setUnauthenticatedHandler } from '../api/client';
import { initI18n } from '../i18n';

initI18n('nl');

// A console.error in a test is a bug (a React warning, a failed prop type): fail loudly.
beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error was called: ${args.map(String).join(' ')}`);
  });
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  setCsrfToken(null);
  setUnauthenticatedHandler(null);
  window.localStorage.clear();
  window.sessionStorage.clear();
  initI18n('nl');
});
