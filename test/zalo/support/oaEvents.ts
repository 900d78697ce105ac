// OA webhook requests as Zalo sends them: exact raw bytes, signed in the test with Zalo's
// algorithm (SHA-256 over app id + body + timestamp + OA secret key).
import { createHash } from 'node:crypto';
import { APP_ID, OA_SECRET } from './fakeZalo.js';

export const USER = '6142494823000000001';
export const OA = '3662729599332560487';

let nextMessage = 1;
export const freshMsgId = () => `msg${String(nextMessage++).padStart(6, '0')}`;

export function mac(raw: string, timestamp: string, appId = APP_ID, secret = OA_SECRET): string {
  return createHash('sha256')
    .update(appId + raw + timestamp + secret, 'utf8')
    .digest('hex');
}

/** The body as exact bytes: keys in Zalo's order, no whitespace, ids as strings. */
export function textEventRaw(text: string, opts: { at?: number; msgId?: string; user?: string; appId?: string } = {}): string {
  const timestamp = String(opts.at ?? Date.now());
  return JSON.stringify({
    app_id: opts.appId ?? APP_ID,
    user_id_by_app: '979122185046046317',
    event_name: 'user_send_text',
    timestamp,
    sender: { id: opts.user ?? USER },
    recipient: { id: OA },
    message: { msg_id: opts.msgId ?? freshMsgId(), text },
  });
}

export function eventRaw(fields: Record<string, unknown>, at = Date.now()): string {
  return JSON.stringify({ app_id: APP_ID, user_id_by_app: '979122185046046317', ...fields, timestamp: String(at) });
}

export function signedHeaders(
  raw: string,
  opts: { prefix?: boolean; secret?: string; appId?: string } = {},
): Record<string, string> {
  const timestamp = (JSON.parse(raw) as { timestamp: string }).timestamp;
  const hex = mac(raw, timestamp, opts.appId ?? APP_ID, opts.secret ?? OA_SECRET);
  return { 'content-type': 'application/json', 'x-zevent-signature': opts.prefix === false ? hex : `mac=${hex}` };
}
