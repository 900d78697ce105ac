// A local stand-in for Zalo's servers (OAuth, OA Open API, Bot Platform) on 127.0.0.1.
// It records every call, rotates token pairs and refuses a reused refresh token the way
// Zalo does, and can be told to answer the next calls with any of Zalo's error codes.
import Fastify, { type FastifyInstance } from 'fastify';

export const APP_ID = '1234567890';
export const APP_SECRET = 'test_app_secret_never_logged';
export const OA_SECRET = 'test_oa_secret';
export const BOT_TOKEN = '1459232241454765289:bot-token_never_logged';

export interface CsCall {
  accessToken: string;
  userId: string;
  message: Record<string, unknown>;
}

export interface FakeZalo {
  url: string;
  /** Every consultation message accepted (error 0), in order. */
  delivered: CsCall[];
  /** Every call to /cs, accepted or not. */
  csCalls: CsCall[];
  uploads: { kind: 'image' | 'file'; bytes: number; accessToken: string }[];
  refreshCalls: { refreshToken: string; accepted: boolean }[];
  botMessages: { chatId: string; text: string }[];
  /** The pair Zalo currently honours. */
  current: { accessToken: string; refreshToken: string };
  /** Error codes for the next /cs calls, in order (0 = success). */
  scriptCs(...codes: number[]): void;
  scriptUpload(...codes: number[]): void;
  scriptBot(...codes: number[]): void;
  /** The current access token stops working (Zalo answers -216). */
  revokeAccessToken(): void;
  /** Each refresh answers after this many ms (to widen race windows). */
  refreshDelayMs: number;
  close(): Promise<void>;
}

export async function startFakeZalo(initial = { accessToken: 'AT-0', refreshToken: 'RT-0' }): Promise<FakeZalo> {
  const app: FastifyInstance = Fastify({ logger: false });
  const csScript: number[] = [];
  const uploadScript: number[] = [];
  const botScript: number[] = [];
  let generation = 0;
  const valid = new Set([initial.accessToken]);
  const fake = {
    url: '',
    delivered: [] as CsCall[],
    csCalls: [] as CsCall[],
    uploads: [] as FakeZalo['uploads'],
    refreshCalls: [] as FakeZalo['refreshCalls'],
    botMessages: [] as FakeZalo['botMessages'],
    current: { ...initial },
    refreshDelayMs: 0,
    scriptCs: (...codes: number[]) => void csScript.push(...codes),
    scriptUpload: (...codes: number[]) => void uploadScript.push(...codes),
    scriptBot: (...codes: number[]) => void botScript.push(...codes),
    revokeAccessToken: () => void valid.delete(fake.current.accessToken),
    close: () => app.close(),
  };

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.post('/v4/oa/access_token', async (request) => {
    const form = request.body as Record<string, string>;
    if (request.headers.secret_key !== APP_SECRET) return { error: -14002, error_name: 'Invalid secret key' };
    if (form.app_id !== APP_ID || form.grant_type !== 'refresh_token') return { error: -14001, error_name: 'Invalid parameter' };
    if (fake.refreshDelayMs) await new Promise((r) => setTimeout(r, fake.refreshDelayMs));
    const accepted = form.refresh_token === fake.current.refreshToken;
    fake.refreshCalls.push({ refreshToken: form.refresh_token ?? '', accepted });
    if (!accepted) return { error: -14014, error_name: 'Invalid refresh token' };
    generation++;
    valid.clear();
    fake.current = { accessToken: `AT-${generation}`, refreshToken: `RT-${generation}` };
    valid.add(fake.current.accessToken);
    return { access_token: fake.current.accessToken, refresh_token: fake.current.refreshToken, expires_in: '90000' };
  });

  app.post('/v3.0/oa/message/cs', async (request) => {
    const token = [request.headers.access_token ?? ''].flat()[0] ?? '';
    const body = request.body as { recipient: { user_id: string }; message: Record<string, unknown> };
    const call = { accessToken: token, userId: body.recipient.user_id, message: body.message };
    fake.csCalls.push(call);
    if (!valid.has(token)) return { error: -216, message: 'Access token is invalid' };
    const code = csScript.shift() ?? 0;
    if (code !== 0) return { error: code, message: `scripted error ${code}` };
    fake.delivered.push(call);
    return { error: 0, message: 'Success', data: { message_id: `m${fake.delivered.length}`, user_id: call.userId } };
  });

  const upload = (kind: 'image' | 'file') => async (request: { headers: Record<string, unknown>; body: unknown }) => {
    const token = [request.headers.access_token ?? ''].flat()[0] as string;
    if (!valid.has(token)) return { error: -216, message: 'Access token is invalid' };
    const code = uploadScript.shift() ?? 0;
    if (code !== 0) return { error: code, message: `scripted error ${code}` };
    fake.uploads.push({ kind, bytes: (request.body as Buffer).length, accessToken: token });
    return {
      error: 0,
      message: 'Success',
      data: kind === 'image' ? { attachment_id: `img-${fake.uploads.length}` } : { token: `file-${fake.uploads.length}` },
    };
  };
  app.post('/v2.0/oa/upload/image', upload('image'));
  app.post('/v2.0/oa/upload/file', upload('file'));

  app.post('/:bot/:method', async (request, reply) => {
    const { bot, method } = request.params as { bot: string; method: string };
    if (bot !== `bot${BOT_TOKEN}`) return reply.code(401).send({ ok: false, error_code: 401, description: 'Unauthorized' });
    const code = botScript.shift() ?? 0;
    if (code !== 0) return { ok: false, error_code: code, description: `scripted error ${code}` };
    if (method !== 'sendMessage') return { ok: false, error_code: 404, description: 'Not Found' };
    const body = request.body as { chat_id: string; text: string };
    if (typeof body.text !== 'string' || body.text.length < 1 || body.text.length > 2000)
      return { ok: false, error_code: 400, description: 'Bad Request: text' };
    fake.botMessages.push({ chatId: body.chat_id, text: body.text });
    return { ok: true, result: { message_id: `b${fake.botMessages.length}`, date: Date.now() } };
  });

  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  fake.url = `http://127.0.0.1:${port}`;
  return fake;
}
