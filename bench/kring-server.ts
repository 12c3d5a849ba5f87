/**
 * Starts the real Kring server (server/src/main.ts: config, database, migrations, demo data,
 * every plugin) in a child process of bench/run.ts, configured through the environment like any
 * deployment. The only addition: when the benchmark dies without stopping us (its IPC channel
 * closes), shut down the same way as on SIGTERM, so that no server is left behind.
 */
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));

await import('../server/src/main.js');

export {};
