// Zalo's Official Account Open API over plain HTTP. Zalo answers most refusals with HTTP
// 200 and a non-zero `error` in the body, so every answer is read before it counts as
// sent. An invalid or expired token is refreshed and the call made once more; a rate
// limit is waited out a few times; a closed interaction window is never retried.
import axios, { type AxiosInstance } from 'axios';
import { z } from 'zod';
import { classifyOaError, unreachableReason, ZaloApiError, ZaloUnreachableError } from '../errors.js';
import type { OaTokenKeeper } from './tokens.js';

export interface OaClientOptions {
  apiRoot: string;
  tokens: Pick<OaTokenKeeper, 'accessToken' | 'afterRejection'>;
  /** Waits before each retry after a rate limit (-32); its length is the number of retries. */
  rateLimitDelaysMs?: number[];
  timeoutMs?: number;
}

const Answer = z.looseObject({
  error: z.coerce.number().default(0),
  message: z.string().optional(),
  data: z.looseObject({}).optional(),
});
type Answer = z.infer<typeof Answer>;

/** A consultation message's body (`message` of /v3.0/oa/message/cs). */
export type OaMessage = Record<string, unknown>;

export class ZaloOaClient {
  private readonly http: AxiosInstance;
  private readonly rateLimitDelaysMs: number[];
  private readonly tokens: OaClientOptions['tokens'];

  constructor(opts: OaClientOptions) {
    this.http = axios.create({ baseURL: opts.apiRoot, timeout: opts.timeoutMs ?? 15_000, validateStatus: () => true });
    this.rateLimitDelaysMs = opts.rateLimitDelaysMs ?? [1000, 3000];
    this.tokens = opts.tokens;
  }

  /** Sends one consultation message; resolves with Zalo's message id. */
  async sendMessage(userId: string, message: OaMessage): Promise<string | undefined> {
    const answer = await this.call((token) =>
      this.http.post('/v3.0/oa/message/cs', { recipient: { user_id: userId }, message }, { headers: { access_token: token } }),
    );
    const id = answer.data?.message_id;
    return typeof id === 'string' ? id : undefined;
  }

  /** Uploads a PNG or JPEG; resolves with the attachment id to send it by. */
  async uploadImage(bytes: Uint8Array, filename = 'image.png'): Promise<string> {
    return this.upload('/v2.0/oa/upload/image', bytes, filename, 'image/png', 'attachment_id');
  }

  /** Uploads a file (Zalo accepts PDF, DOC and DOCX); resolves with the token to send it by. */
  async uploadFile(bytes: Uint8Array, filename: string): Promise<string> {
    return this.upload('/v2.0/oa/upload/file', bytes, filename, 'application/octet-stream', 'token');
  }

  private async upload(path: string, bytes: Uint8Array, filename: string, type: string, field: string): Promise<string> {
    const answer = await this.call((token) => {
      const form = new FormData();
      form.append('file', new Blob([Buffer.from(bytes)], { type }), filename);
      return this.http.post(path, form, { headers: { access_token: token } });
    });
    const value = answer.data?.[field];
    if (typeof value !== 'string' || value === '') throw new ZaloApiError(0, `Zalo upload answered without ${field}`);
    return value;
  }

  private async call(request: (token: string) => Promise<{ status: number; data: unknown }>): Promise<Answer> {
    let token = await this.tokens.accessToken();
    let refreshed = false;
    let rateLimited = 0;
    for (;;) {
      const response = await request(token);
      if (response.status < 200 || response.status >= 300) throw new ZaloApiError(0, `Zalo answered HTTP ${response.status}`);
      const parsed = Answer.safeParse(response.data);
      if (!parsed.success) throw new ZaloApiError(0, 'Zalo answered with an unreadable body');
      const { error, message = '' } = parsed.data;
      if (error === 0) return parsed.data;
      switch (classifyOaError(error)) {
        case 'token':
          if (refreshed) break;
          refreshed = true;
          token = await this.tokens.afterRejection(token);
          continue;
        case 'rate_limited': {
          const delay = this.rateLimitDelaysMs[rateLimited++];
          if (delay === undefined) break;
          await new Promise((resolve) => setTimeout(resolve, delay));
          continue;
        }
        case 'unreachable':
          throw new ZaloUnreachableError(error, message, unreachableReason(error)!);
        default:
          break;
      }
      throw new ZaloApiError(error, message);
    }
  }
}
