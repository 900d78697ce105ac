// A reply as terminal lines: choices numbered so typing the number picks one.
import type { Choice, Reply } from '../../bot/types.js';

export function renderForTerminal(replies: Reply[]): { lines: string[]; choices: Choice[] } {
  const lines: string[] = [];
  const choices: Choice[] = [];
  for (const reply of replies) {
    lines.push(reply.text);
    for (const link of reply.links ?? []) lines.push(`  🔗 ${link.label}: ${link.url}`);
    if (reply.image) lines.push(`  🖼  ${reply.image.caption ?? ''} [PNG, ${reply.image.png.byteLength} bytes]`.trimEnd());
    if (reply.document) lines.push(`  📎 ${reply.document.filename} [${reply.document.bytes.byteLength} bytes]`);
    for (const choice of reply.choices ?? []) {
      choices.push(choice);
      lines.push(`  ${choices.length}. ${choice.label}`);
    }
    lines.push('');
  }
  return { lines, choices };
}
