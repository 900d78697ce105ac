// Telegram refuses a message longer than 4096 characters (UTF-16 code units) and one
// that is only whitespace, so a long reply goes out as several messages, cut where a
// reader would pause: a line break, else a space, else anywhere (never inside a
// surrogate pair, so no emoji is broken in two).

export const TELEGRAM_TEXT_LIMIT = 4096;

export function splitForTelegram(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    const cut = lastBreak(window, '\n') ?? lastBreak(window, ' ');
    if (cut !== undefined) {
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut + 1);
    } else {
      const at = isHighSurrogate(rest.charCodeAt(limit - 1)) ? limit - 1 : limit;
      parts.push(rest.slice(0, at));
      rest = rest.slice(at);
    }
  }
  parts.push(rest);
  return parts.map((p) => p.replace(/^\n+|\n+$/g, '')).filter((p) => p.trim() !== '');
}

/** The last separator that leaves a non-empty first part of at most `window.length - 1`. */
function lastBreak(window: string, separator: string): number | undefined {
  const at = window.lastIndexOf(separator);
  return at > 0 ? at : undefined;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
