// Fetching a file a person sent to the bot, by its Telegram file id: getFile, then the bytes
// from the Bot API's file URL, bounded in size and time. Only a module that takes the file
// calls it; nothing is fetched otherwise.
import type { Api } from 'grammy';

/** Fetches a file a person sent, by its Telegram file id. */
export type TelegramFileDownload = (fileId: string) => Promise<Uint8Array>;

/** The Bot API serves no file over 20 MB to a bot: nothing larger is read. */
const TELEGRAM_DOWNLOAD_LIMIT = 20 * 1024 * 1024;

/**
 * getFile, then the file from `apiRoot/file/bot<token>/<path>`. An error never quotes the
 * URL, which holds the token.
 */
export function telegramFileDownload(
  api: Api,
  token: string,
  apiRoot: string,
  maxBytes = TELEGRAM_DOWNLOAD_LIMIT,
): TelegramFileDownload {
  return async (fileId) => {
    const file = await api.getFile(fileId);
    if (!file.file_path) throw new Error('telegram file download failed: no file path');
    if (file.file_size !== undefined && file.file_size > maxBytes)
      throw new Error('telegram file download failed: file too large');
    let response: Response;
    try {
      response = await fetch(`${apiRoot.replace(/\/+$/, '')}/file/bot${token}/${file.file_path}`, {
        signal: AbortSignal.timeout(60_000),
      });
    } catch {
      throw new Error('telegram file download failed: no answer');
    }
    if (!response.ok || !response.body) throw new Error(`telegram file download failed: status ${response.status}`);
    const parts: Uint8Array[] = [];
    let length = 0;
    const reader = response.body.getReader();
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch {
        throw new Error('telegram file download failed: interrupted');
      }
      if (chunk.done) break;
      length += chunk.value.byteLength;
      if (length > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new Error('telegram file download failed: file too large');
      }
      parts.push(chunk.value);
    }
    return Buffer.concat(parts, length);
  };
}
