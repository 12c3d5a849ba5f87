/**
 * Where uploaded files live. Modules never touch the file system: they go through this interface,
 * so an object store can replace the local disk when several app nodes serve one organisation.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export interface StoredObject {
  data: Buffer;
  contentType: string;
}

export interface Storage {
  /** Stores the bytes under a generated key (never a user-chosen name) and returns that key. */
  put(prefix: string, data: Buffer, contentType: string): Promise<string>;
  get(key: string): Promise<StoredObject | undefined>;
  delete(key: string): Promise<void>;
}

const keyPattern = /^[a-z0-9-]+\/[0-9a-f-]{36}$/;
const prefixPattern = /^[a-z0-9-]+$/;

/** Files on local disk under `root` (DATA_DIR/files), with the content type beside each file. */
export function createLocalStorage(root: string): Storage {
  const fileOf = (key: string) => {
    // Keys are generated here; anything else (such as "../") is refused before touching the disk.
    if (!keyPattern.test(key)) throw new Error('invalid storage key');
    return path.join(root, key);
  };
  return {
    async put(prefix, data, contentType) {
      if (!prefixPattern.test(prefix)) throw new Error('invalid storage prefix');
      const key = `${prefix}/${randomUUID()}`;
      const file = fileOf(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Write to a temporary name first, so that a crash never leaves half a file under the key.
      await fs.writeFile(`${file}.tmp`, data);
      await fs.writeFile(`${file}.type`, contentType);
      await fs.rename(`${file}.tmp`, file);
      return key;
    },
    async get(key) {
      if (!keyPattern.test(key)) return undefined;
      try {
        const [data, contentType] = await Promise.all([
          fs.readFile(fileOf(key)),
          fs.readFile(`${fileOf(key)}.type`, 'utf8'),
        ]);
        return { data, contentType };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    async delete(key) {
      await Promise.all([fs.rm(fileOf(key), { force: true }), fs.rm(`${fileOf(key)}.type`, { force: true })]);
    },
  };
}
