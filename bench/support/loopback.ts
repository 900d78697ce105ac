// A fastify app served on a real loopback connection, with the time the server spends on
// each request: from the request's arrival (its head parsed) until the last byte of the
// response is handed to the kernel. That is what a page costs the server, without the
// caller's side (`inject` builds the response and decodes its body in the same process,
// which for a 30 KB page costs more than twice what the socket does).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

export interface ServedResponse {
  status: number;
  body: string;
  /** Milliseconds the server spent on the request. */
  serverMs: number;
}

export interface Loopback {
  get(path: string, headers: Record<string, string>): Promise<ServedResponse>;
  close(): Promise<void>;
}

const ID_HEADER = 'x-bench-request';

export async function overLoopback(app: FastifyInstance): Promise<Loopback> {
  const spent = new Map<string, number>();
  // First among the listeners, so the clock starts before fastify sees the request.
  app.server.prependListener('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    const started = performance.now();
    const id = String(request.headers[ID_HEADER]);
    response.once('finish', () => spent.set(id, performance.now() - started));
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  // One kept-alive connection, as a browser reuses its own: no connection set up per page.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let next = 0;
  const serverTime = async (id: string): Promise<number> => {
    // The response's end reaches the client after the server let go of it; wait a turn if not.
    while (!spent.has(id)) await new Promise((resolve) => setImmediate(resolve));
    const ms = spent.get(id)!;
    spent.delete(id);
    return ms;
  };
  return {
    get: (path, headers) =>
      new Promise<ServedResponse>((resolve, reject) => {
        const id = String(next++);
        http
          .get({ host: '127.0.0.1', port, path, agent, headers: { ...headers, [ID_HEADER]: id } }, (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => {
              const body = Buffer.concat(chunks).toString();
              serverTime(id).then((serverMs) => resolve({ status: response.statusCode ?? 0, body, serverMs }), reject);
            });
          })
          .on('error', reject);
      }),
    close: async () => {
      agent.destroy();
      await app.close();
    },
  };
}
