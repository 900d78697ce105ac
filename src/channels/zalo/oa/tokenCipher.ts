// Encrypts the OA token pair at rest with AES-256-GCM under ZALO_TOKEN_KEY: a copy of the
// database (a backup, a stolen disk) no longer lets anyone speak as the Official Account.
// Stored values carry a version prefix, so a pair saved in clear before the key was set
// is still read; a wrong key fails GCM's tag check and is refused, never read as garbage.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ConfigError } from '../../../config.js';

const TOKEN_KEY_VARIABLE = 'ZALO_TOKEN_KEY';
const PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export const TOKEN_KEY_EXPECTED = 'expected 32 bytes as 64 hex characters or base64 (make one with `openssl rand -hex 32`)';

/** The key as given (64 hex characters or base64 of 32 bytes); undefined when it is neither. */
export function decodeTokenKey(value: string): Buffer | undefined {
  const text = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
    const key = Buffer.from(text, 'base64');
    if (key.length === 32) return key;
  }
  return undefined;
}

/** The key from the environment; null when unset; a ConfigError naming the variable when wrong. */
export function tokenKeyFromEnv(env: Readonly<Record<string, string | undefined>>): Buffer | null {
  const value = env[TOKEN_KEY_VARIABLE]?.trim();
  if (!value) return null;
  const key = decodeTokenKey(value);
  if (!key) throw new ConfigError(`Configuration error: ${TOKEN_KEY_VARIABLE}: ${TOKEN_KEY_EXPECTED}`);
  return key;
}

export class TokenKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenKeyError';
  }
}

export class TokenCipher {
  constructor(private readonly key: Buffer | null) {}

  /** Encrypted when there is a key; `context` (app and field) is bound in, so values cannot be swapped. */
  seal(value: string, context: string): string {
    if (!this.key) return value;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  open(stored: string, context: string): string {
    if (!isSealed(stored)) return stored;
    if (!this.key)
      throw new TokenKeyError(
        `The stored Zalo OA tokens are encrypted: set ${TOKEN_KEY_VARIABLE} to the key they were saved with.`,
      );
    const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new TokenKeyError(
        `${TOKEN_KEY_VARIABLE} does not open the stored Zalo OA tokens (wrong key?): set the key they were saved with, or store a new pair with \`npm run cli -- zalo:tokens\`.`,
      );
    }
  }

  /** True when a value would be written differently now (clear with a key set). */
  needsSealing(stored: string): boolean {
    return this.key !== null && !isSealed(stored);
  }
}

function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}
