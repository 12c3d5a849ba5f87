/**
 * The reference: a bare Fastify 5 server with one JSON route and nothing else (no logger, no
 * plugins). Started by bench/run.ts as a child process, on the port it is given in BENCH_PORT.
 */
import Fastify from 'fastify';

const port = Number(process.env.BENCH_PORT);
if (!Number.isInteger(port) || port <= 0) {
  console.error('reference-server: BENCH_PORT must be a port number');
  process.exit(1);
}

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));

const stop = async () => {
  await app.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
// When the benchmark dies without stopping us, the IPC channel closes: stop as well.
process.on('disconnect', () => void stop());

await app.listen({ port, host: '127.0.0.1' });
