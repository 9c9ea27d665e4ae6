/**
 * The reference for the HTTP benchmark: Fastify with one JSON route and nothing else (no logger, no
 * database), started as its own process the way `tokenmall serve` is, on a free loopback port.
 */
import fastify from 'fastify';

const app = fastify({ logger: false });
app.get('/', async () => ({ ok: true }));
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`bare fastify listening on ${url}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void app.close());
