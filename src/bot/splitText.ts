// A long reply goes out as several messages, each under the channel's limit (counted in
// UTF-16 code units, as Telegram and Zalo count), cut where a reader would pause: a line
// break, else a space, else anywhere but inside a surrogate pair, so no emoji breaks.

/** Cuts a text into pieces of at most `limit` UTF-16 units, at a line break or a space where it can, never inside an emoji. */
export function splitText(text: string, limit: number): string[] {
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
  // Platforms refuse a message that is only whitespace.
  return parts.map(trimNewlines).filter((p) => p.trim() !== '');
}

/** Leading and trailing line breaks off, in one pass (`/\n+$/` rescans a long inner run from every break). */
function trimNewlines(part: string): string {
  let start = 0;
  let end = part.length;
  while (start < end && part[start] === '\n') start++;
  while (end > start && part[end - 1] === '\n') end--;
  return part.slice(start, end);
}

/** The last separator that leaves a non-empty first part of at most `window.length - 1`. */
function lastBreak(window: string, separator: string): number | undefined {
  const at = window.lastIndexOf(separator);
  return at > 0 ? at : undefined;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
