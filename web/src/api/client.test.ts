import { describe, expect, it, vi } from 'vitest';
import { apiError, json, mockApi } from '../test/render';
import { ApiError, api, setCsrfToken, setUnauthenticatedHandler } from './client';

const header = (init: RequestInit | undefined, name: string) => (init?.headers as Record<string, string>)[name];

describe('api client', () => {
  it('sends the CSRF token with state-changing requests only', async () => {
    const { calls } = mockApi({
      'GET /api/me': () => json({}),
      'POST /api/auth/logout': () => new Response(null, { status: 204 }),
    });
    setCsrfToken('abc');
    await api('/me');
    await expect(api('/auth/logout', { method: 'POST' })).resolves.toBeUndefined();
    expect(header(calls[0]?.init, 'x-csrf-token')).toBeUndefined();
    expect(header(calls[1]?.init, 'x-csrf-token')).toBe('abc');
    expect(calls[1]?.init?.credentials).toBe('same-origin');
  });

  it('turns an error answer into an ApiError with its code and Retry-After', async () => {
    mockApi({ 'POST /api/auth/login': () => apiError(429, 'rate_limited', { 'retry-after': '90' }) });
    const error = await api('/auth/login', { method: 'POST', body: {}, expectUnauthenticated: true }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', retryAfterSeconds: 90 });
  });

  it('reports an ended session once, except for the login request itself', async () => {
    const handler = vi.fn();
    setUnauthenticatedHandler(handler);
    mockApi({
      'GET /api/me': () => apiError(401, 'unauthenticated'),
      'POST /api/auth/login': () => apiError(401, 'invalid_credentials'),
    });
    await expect(api('/auth/login', { method: 'POST', body: {}, expectUnauthenticated: true })).rejects.toMatchObject({
      code: 'invalid_credentials',
    });
    expect(handler).not.toHaveBeenCalled();
    await expect(api('/me')).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('names a lost connection "network"', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await expect(api('/me')).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('without a known CSRF token, fetches it once and sends the refused request again', async () => {
    let posts = 0;
    const { calls } = mockApi({
      'POST /api/helpdesk': () => (++posts === 1 ? apiError(403, 'csrf_failed') : json({ received: true }, 202)),
      'GET /api/me': () => json({ session: { csrfToken: 'fresh' } }),
    });
    await expect(api('/helpdesk', { method: 'POST', body: {} })).resolves.toEqual({ received: true });
    expect(calls.map((c) => c.key)).toEqual(['POST /api/helpdesk', 'GET /api/me', 'POST /api/helpdesk']);
    expect(header(calls[2]?.init, 'x-csrf-token')).toBe('fresh');
  });

  it('does not retry when nobody is logged in', async () => {
    const handler = vi.fn();
    setUnauthenticatedHandler(handler);
    const { calls } = mockApi({
      'POST /api/helpdesk': () => apiError(403, 'csrf_failed'),
      'GET /api/me': () => apiError(401, 'unauthenticated'),
    });
    await expect(api('/helpdesk', { method: 'POST', body: {} })).rejects.toMatchObject({ code: 'csrf_failed' });
    expect(calls).toHaveLength(2);
    // Looking for a session is not "the session ended".
    expect(handler).not.toHaveBeenCalled();
  });
});
