import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from './data-dir-lock.js';

describe('the embedded database folder is used by one process at a time', () => {
  it('refuses a second owner while the first lives, and takes over a lock left by a dead process', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kring-lock-'));
    // Another living process holds the lock.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    fs.writeFileSync(path.join(dir, 'kring.lock'), String(other.pid));
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    other.kill();
    await new Promise((resolve) => other.once('exit', resolve));
    // Its lock is stale now.
    const release = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, 'kring.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, 'kring.lock'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
