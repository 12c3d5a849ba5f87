import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalStorage, type Storage } from './storage.js';

describe('local file storage', () => {
  let root: string;
  let storage: Storage;
  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'kring-storage-'));
    storage = createLocalStorage(root);
  });
  afterAll(() => fs.rm(root, { recursive: true, force: true }));

  it('stores under a generated key and gives back the bytes and type', async () => {
    const key = await storage.put('photos', Buffer.from([1, 2, 3]), 'image/webp');
    expect(key).toMatch(/^photos\/[0-9a-f-]{36}$/);
    expect(await storage.get(key)).toEqual({ data: Buffer.from([1, 2, 3]), contentType: 'image/webp' });
    await storage.delete(key);
    expect(await storage.get(key)).toBeUndefined();
  });

  it('refuses keys and prefixes that could leave its folder', async () => {
    expect(await storage.get('../../etc/passwd')).toBeUndefined();
    await expect(storage.put('../x', Buffer.from('x'), 'text/plain')).rejects.toThrow('invalid storage prefix');
    await expect(storage.delete('photos/../../x')).rejects.toThrow('invalid storage key');
  });
});
