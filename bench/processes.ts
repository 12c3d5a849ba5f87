/**
 * Child processes of the benchmark: every server runs in its own Node process, so that the load
 * generator never shares an event loop with the server it measures. Every child is remembered
 * until it has exited, so that the benchmark can stop all of them, also when it fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Server {
  name: string;
  baseUrl: string;
  child: ChildProcess;
  /** The last lines the child wrote, for error messages. */
  output(): string;
}

const running = new Set<ChildProcess>();

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Runs a TypeScript entry file of bench/ with `node --import tsx`, one process (no tsx wrapper
 * process in between), with an IPC channel whose closing tells the child to stop.
 */
export function startServer(name: string, entry: string, port: number, env: NodeJS.ProcessEnv): Server {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'bench', entry)], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));

  // Keep the tail of the output; reading it also keeps a chatty child from blocking on a full pipe.
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  return { name, baseUrl: `http://127.0.0.1:${port}`, child, output: () => tail.trim() };
}

/** Waits until `url` answers 200; fails when the child exits first or after `timeoutMs`. */
export async function waitUntilReady(server: Server, urlPath: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const url = server.baseUrl + urlPath;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(
        `${server.name} exited during start (code ${server.child.exitCode ?? server.child.signalCode}):\n${server.output()}`,
      );
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${server.name} did not answer 200 on ${urlPath} within ${timeoutMs / 1000} s:\n${server.output()}`);
}

/** SIGTERM (graceful shutdown), then SIGKILL when the child has not exited after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    running.delete(child);
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Stops every child that is still running. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((child) => stopChild(child)));
}

/** Last resort when the process exits anyway: no waiting is possible here, so SIGKILL. */
export function killAllNow(): void {
  for (const child of running) child.kill('SIGKILL');
}
