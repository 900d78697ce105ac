// A fake Telegram Bot API on 127.0.0.1 that also holds files people sent: `getFile` answers
// with a path, and `GET /file/bot<token>/<path>` serves the bytes, as Telegram does. Every
// call and every download is recorded.
import Fastify from 'fastify';

export interface FileApiCall {
  method: string;
  body: Record<string, unknown>;
}

export interface FileBotApi {
  url: string;
  calls: FileApiCall[];
  /** Paths downloaded, in order. */
  downloads: string[];
  /** Puts a file on the server; returns the file id a Telegram update would carry. */
  addFile(name: string, bytes: Uint8Array | string): { fileId: string; size: number };
  /** Texts (and captions) of what the bot sent to a chat, in order. */
  textsTo(chatId: number): string[];
  close(): Promise<void>;
}

function plainFields(body: unknown): Record<string, unknown> {
  if (body && typeof body === 'object') return body as Record<string, unknown>;
  // multipart/form-data (a photo, a document): the plain fields are enough here.
  const fields: Record<string, unknown> = {};
  if (typeof body === 'string') for (const m of body.matchAll(/name="([^"]+)"\r\n\r\n([^\r]*)/g)) fields[m[1]!] = m[2];
  return fields;
}

export async function startFileBotApi(token: string): Promise<FileBotApi> {
  const app = Fastify({ logger: false, bodyLimit: 50 * 1024 * 1024 });
  app.addContentTypeParser(/^multipart\//, { parseAs: 'string' }, (_req, body, done) => done(null, body));
  const calls: FileApiCall[] = [];
  const downloads: string[] = [];
  const files = new Map<string, { path: string; bytes: Buffer }>();
  let messageId = 0;

  app.post('/bot:token/:method', async (request, reply) => {
    const { token: given, method } = request.params as { token: string; method: string };
    if (given !== token) return reply.code(401).send({ ok: false, error_code: 401, description: 'Unauthorized' });
    const body = plainFields(request.body);
    calls.push({ method, body });
    if (method === 'getFile') {
      const file = files.get(String(body.file_id));
      if (!file) return reply.code(400).send({ ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
      return {
        ok: true,
        result: {
          file_id: body.file_id,
          file_unique_id: `u-${String(body.file_id)}`,
          file_size: file.bytes.length,
          file_path: file.path,
        },
      };
    }
    if (/^send/.test(method))
      return {
        ok: true,
        result: { message_id: ++messageId, date: 0, chat: { id: Number(body.chat_id), type: 'private', first_name: 'A' } },
      };
    return { ok: true, result: true };
  });

  app.get('/file/bot:token/*', async (request, reply) => {
    const { token: given, '*': path } = request.params as { token: string; '*': string };
    const file = [...files.values()].find((f) => f.path === path);
    if (given !== token || !file) return reply.code(404).send({ ok: false, error_code: 404, description: 'Not Found' });
    downloads.push(path);
    return reply.type('application/octet-stream').send(file.bytes);
  });

  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  let fileNo = 0;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    downloads,
    addFile(name, bytes) {
      const fileId = `file-${++fileNo}`;
      const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes);
      files.set(fileId, { path: `documents/file_${fileNo}${name.slice(name.lastIndexOf('.'))}`, bytes: data });
      return { fileId, size: data.length };
    },
    textsTo(chatId) {
      return calls
        .filter((c) => /^send/.test(c.method) && String(c.body.chat_id) === String(chatId))
        .map((c) => (c.body.text ?? c.body.caption ?? '') as string);
    },
    close: () => app.close(),
  };
}
