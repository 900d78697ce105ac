// The Zalo Bot Platform API: `POST <root>/bot<TOKEN>/<method>` with a JSON body, answered
// `{ok, result}` or `{ok:false, error_code, description}`. The token is in the URL, so no
// URL or request is ever logged; a quota refusal (429) is waited out a few times.
import axios, { type AxiosInstance } from 'axios';
import { z } from 'zod';
import { ZaloApiError } from '../errors.js';

export interface BotClientOptions {
  apiRoot: string;
  token: string;
  rateLimitDelaysMs?: number[];
  timeoutMs?: number;
}

const Envelope = z.looseObject({
  ok: z.boolean(),
  result: z.unknown().optional(),
  error_code: z.coerce.number().optional(),
  description: z.string().optional(),
});

export class ZaloBotClient {
  private readonly http: AxiosInstance;
  private readonly rateLimitDelaysMs: number[];
  /** False after Zalo refused the token (401), until a call succeeds again. */
  tokenAccepted = true;

  constructor(private readonly opts: BotClientOptions) {
    this.http = axios.create({ baseURL: opts.apiRoot, timeout: opts.timeoutMs ?? 15_000, validateStatus: () => true });
    this.rateLimitDelaysMs = opts.rateLimitDelaysMs ?? [1000, 3000];
  }

  async sendMessage(chatId: string, text: string): Promise<void> {
    await this.call('sendMessage', { chat_id: chatId, text });
  }

  async call(method: string, params: Record<string, unknown>): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      const response = await this.http.post(`/bot${this.opts.token}/${method}`, params);
      const parsed = Envelope.safeParse(response.data);
      if (parsed.success && parsed.data.ok) {
        this.tokenAccepted = true;
        return parsed.data.result;
      }
      const code = parsed.success ? (parsed.data.error_code ?? response.status) : response.status;
      if (code === 401) this.tokenAccepted = false;
      const delay = code === 429 ? this.rateLimitDelaysMs[attempt] : undefined;
      if (delay === undefined) {
        const description = parsed.success ? (parsed.data.description ?? '') : `HTTP ${response.status}`;
        throw new ZaloApiError(code, `${method}: ${description}`.split(this.opts.token).join('[redacted]'));
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
