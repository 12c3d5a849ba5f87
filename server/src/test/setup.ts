import { afterEach, vi } from 'vitest';

// Any console.error fails the test that caused it (STYLE.md): errors must be expected and asserted.
const original = console.error;
let errors: unknown[][] = [];
console.error = (...args: unknown[]) => {
  errors.push(args);
  original(...args);
};
afterEach(() => {
  const seen = errors;
  errors = [];
  vi.restoreAllMocks();
  if (seen.length) throw new Error(`console.error was called:\n${seen.map((a) => a.join(' ')).join('\n')}`);
});
