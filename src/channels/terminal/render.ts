// A reply as terminal lines: choices numbered so typing the number picks one; a picture or
// a file is saved by the chat (see files.ts) and its line says where.
import type { Choice, Reply } from '../../bot/types.js';

/** What happens to a reply's picture and file: each returns the line to print. */
export interface TerminalAttachments {
  image(image: NonNullable<Reply['image']>): string;
  document(document: NonNullable<Reply['document']>): string;
}

export function renderForTerminal(replies: Reply[], attachments?: TerminalAttachments): { lines: string[]; choices: Choice[] } {
  const lines: string[] = [];
  const choices: Choice[] = [];
  for (const reply of replies) {
    lines.push(reply.text);
    for (const link of reply.links ?? []) lines.push(`  🔗 ${link.label}: ${link.url}`);
    if (reply.image) {
      if (attachments) {
        if (reply.image.caption) lines.push(`  ${reply.image.caption}`);
        lines.push(`  ${attachments.image(reply.image)}`);
      } else lines.push(`  🖼  ${reply.image.caption ?? ''} [PNG, ${reply.image.png.byteLength} bytes]`.trimEnd());
    }
    if (reply.document) {
      if (attachments) {
        if (reply.document.caption) lines.push(`  ${reply.document.caption}`);
        lines.push(`  ${attachments.document(reply.document)}`);
      } else lines.push(`  📎 ${reply.document.filename} [${reply.document.bytes.byteLength} bytes]`);
    }
    for (const choice of reply.choices ?? []) {
      choices.push(choice);
      lines.push(`  ${choices.length}. ${choice.label}`);
    }
    lines.push('');
  }
  return { lines, choices };
}
