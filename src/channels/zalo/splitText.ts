// Zalo refuses texts over 2000 characters on both of its APIs.
import { splitText as splitUnder } from '../../bot/splitText.js';

export const ZALO_TEXT_LIMIT = 2000;

export function splitText(text: string, limit = ZALO_TEXT_LIMIT): string[] {
  return splitUnder(text, limit);
}
