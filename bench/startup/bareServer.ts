// Entry point: the start-up baseline, a bare fastify server with /healthz on $PORT.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/healthz', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().finally(() => process.exit(0)));
