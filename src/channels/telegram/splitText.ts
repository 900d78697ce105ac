// Telegram refuses a message longer than 4096 characters (UTF-16 code units).
import { splitText } from '../../bot/splitText.js';

export const TELEGRAM_TEXT_LIMIT = 4096;

export function splitForTelegram(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  return splitText(text, limit);
}
