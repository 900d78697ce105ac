// Zalo refuses long texts (2000 characters on both APIs), so a long reply goes out as
// several messages, cut where a reader would pause: a line break, else a space, else
// anywhere but inside a surrogate pair.

export const ZALO_TEXT_LIMIT = 2000;

export function splitText(text: string, limit = ZALO_TEXT_LIMIT): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    const cut = lastBreak(window, '\n') ?? lastBreak(window, ' ');
    if (cut !== undefined) {
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut + 1);
    } else {
      const code = rest.charCodeAt(limit - 1);
      const at = code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
      parts.push(rest.slice(0, at));
      rest = rest.slice(at);
    }
  }
  parts.push(rest);
  return parts.map((p) => p.replace(/^\n+|\n+$/g, '')).filter((p) => p.trim() !== '');
}

function lastBreak(window: string, separator: string): number | undefined {
  const at = window.lastIndexOf(separator);
  return at > 0 ? at : undefined;
}
