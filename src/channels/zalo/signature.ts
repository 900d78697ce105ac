// The Official Account webhook's MAC, as Zalo's own SDK builds it: plain SHA-256 (not an
// HMAC) over app id + the exact raw body + the body's timestamp + the OA secret key,
// lower-case hex, sent as `X-ZEvent-Signature: mac=<hex>` (the prefix is optional).
import { createHash, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-zevent-signature';

export function zaloEventMac(appId: string, rawBody: Buffer, timestamp: string, oaSecretKey: string): string {
  return createHash('sha256')
    .update(Buffer.from(appId, 'utf8'))
    .update(rawBody)
    .update(Buffer.from(timestamp, 'utf8'))
    .update(Buffer.from(oaSecretKey, 'utf8'))
    .digest('hex');
}

/** Constant-time; a missing, malformed or different header is simply false. */
export function signatureMatches(header: string | string[] | undefined, expectedMac: string): boolean {
  if (typeof header !== 'string') return false;
  const given = header.trim().replace(/^mac=/i, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(expectedMac, 'hex'));
}
