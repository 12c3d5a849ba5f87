/**
 * The one way the web app talks to the API: JSON, the session cookie (same origin), the CSRF
 * header on every state-changing request, and errors that carry the API's stable `code`.
 */

/** An error answer of the API, or a failure to reach it (`code: 'network'`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { field?: string; code: string; message: string }[] = [],
    /** Seconds to wait, from the Retry-After header of a 429. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** Remembered from the login answer and from /api/me; sent back with unsafe methods. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** What happens when the API says the session is gone (set once by main.tsx). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON; a Blob or File is sent as it is (application/octet-stream). */
  body?: unknown;
  /**
   * A 401 normally means "the session ended": the app clears its data and shows the login page.
   * The login request itself answers 401 for a wrong password, which is not that.
   */
  expectUnauthenticated?: boolean;
  signal?: AbortSignal;
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; details?: unknown };
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // A proxy or gateway may answer with HTML; the status still tells enough.
  }
  const code = typeof body.error?.code === 'string' ? body.error.code : `http_${response.status}`;
  const message = typeof body.error?.message === 'string' ? body.error.message : response.statusText;
  const details = Array.isArray(body.error?.details) ? (body.error.details as ApiError['details']) : [];
  const retryAfter = Number(response.headers.get('retry-after'));
  return new ApiError(
    response.status,
    code,
    message,
    details,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}

let serverOffsetMs = 0;

/**
 * Remembers how far the server's clock is from this device's, from the Date header. Countdowns
 * (the SMS code, "send a new code") follow the server's clock, so a computer whose clock is a few
 * minutes off still shows the right number of seconds.
 */
function noteServerDate(response: Response): void {
  const server = Date.parse(response.headers.get('date') ?? '');
  if (!Number.isFinite(server)) return;
  // The header counts whole seconds: the server's time lies somewhere within that second.
  const offset = server + 500 - Date.now();
  serverOffsetMs = Math.abs(offset) > 2000 ? offset : 0;
}

/** The current time by the server's clock, in milliseconds. */
export function serverNow(): number {
  return Date.now() + serverOffsetMs;
}

/**
 * A logged-in person who opens a public page in a new tab (the helpdesk form, a reset link) sends
 * the session cookie without the CSRF header the server then requires; after logging in in another
 * tab the token this tab knows is an old one. Fetches the current token; true when it is new.
 */
async function refreshCsrfToken(previous: string | null): Promise<boolean> {
  try {
    const me = await send<{ session: { csrfToken: string } }>('/me', { expectUnauthenticated: true });
    setCsrfToken(me.session.csrfToken);
    return me.session.csrfToken !== previous;
  } catch {
    return false;
  }
}

/** Calls `/api${path}` and returns the parsed JSON (undefined for 204). Throws ApiError. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const sentToken = unsafeMethods.has(method) ? csrfToken : null;
  try {
    return await send<T>(path, options);
  } catch (err) {
    const retry = err instanceof ApiError && err.code === 'csrf_failed' && (await refreshCsrfToken(sentToken));
    if (!retry) throw err;
    return send<T>(path, options);
  }
}

async function send<T>(path: string, options: RequestOptions): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  // A file (a profile photo) goes as it is; the server reads its type from the bytes.
  const raw = options.body instanceof Blob;
  if (options.body !== undefined) headers['content-type'] = raw ? 'application/octet-stream' : 'application/json';
  if (unsafeMethods.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : raw ? (options.body as Blob) : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'The portal could not be reached.');
  }
  noteServerDate(response);

  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && !options.expectUnauthenticated) {
      csrfToken = null;
      onUnauthenticated?.();
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
