// The terminal chat's pictures and files land in a folder whose paths it prints, and the
// messages the outbox holds for the terminal person are shown once each, when due.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/bot/types.js';
import { ChatFiles, chatFilesDir, savingAttachments } from '../../src/channels/terminal/files.js';
import { watchTerminalInbox } from '../../src/channels/terminal/inbox.js';
import { renderForTerminal } from '../../src/channels/terminal/render.js';
import { Texts } from '../../src/i18n/index.js';
import { openTestStore } from '../support/testStore.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'chat-files-'));
  dirs.push(dir);
  return dir;
};

describe('pictures and files in the terminal chat', () => {
  it("saves them under the folder and prints where, in the person's language", () => {
    const dir = join(tempDir(), 'chat-files');
    const tr = Texts.load().for('vi');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const xlsx = new Uint8Array([0x50, 0x4b, 3, 4, 9]);
    const { lines } = renderForTerminal(
      [
        { text: 'Tiến độ', image: { png, caption: 'Ba tỷ lệ lũy kế' } },
        { text: 'Báo cáo', document: { filename: '../../Bao cao tuan 49.xlsx', bytes: xlsx } },
      ],
      savingAttachments(new ChatFiles(dir), tr),
    );
    const saved = lines.flatMap((l) => /: (\/\S.*)$/.exec(l)?.[1] ?? []);
    expect(saved).toHaveLength(2);
    expect(lines).toContain('  Ba tỷ lệ lũy kế');
    expect(lines.find((l) => l.includes(saved[0]!))).toMatch(/🖼 {2}Ảnh đã lưu: /);
    expect(lines.find((l) => l.includes(saved[1]!))).toMatch(/📎 Tệp \.\.\/\.\.\/Bao cao tuan 49\.xlsx đã lưu: /);
    expect(readFileSync(saved[0]!)).toEqual(Buffer.from(png));
    expect(readFileSync(saved[1]!)).toEqual(Buffer.from(xlsx));
    // Both inside the folder, whatever the file's own name said; the extension kept.
    for (const path of saved) expect(dirname(path)).toBe(dir);
    expect(saved[1]).toMatch(/Bao cao tuan 49\.xlsx$/);
    // The same picture twice is two files, never one overwritten.
    renderForTerminal([{ text: 'lại', image: { png } }], savingAttachments(new ChatFiles(dir), tr));
    expect(readdirSync(dir)).toHaveLength(3);
  });

  it('uses ./data/chat-files/ unless CHAT_FILES_DIR says otherwise', () => {
    expect(chatFilesDir({}, '/srv/bot')).toBe(resolve('/srv/bot/data/chat-files'));
    expect(chatFilesDir({ CHAT_FILES_DIR: '/tmp/anh' }, '/srv/bot')).toBe('/tmp/anh');
  });

  it('says so, and goes on, when a file cannot be saved', () => {
    const file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, 'x');
    const tr = Texts.load().for('en');
    const { lines } = renderForTerminal(
      [{ text: 'x', image: { png: new Uint8Array([1]) } }],
      savingAttachments(new ChatFiles(file), tr),
    );
    expect(lines.join('\n')).toMatch(/⚠ Could not save image\.png: /);
  });
});

describe("the terminal person's messages from the outbox", () => {
  it("shows what is due for them, once, in order, and marks it sent; nothing of anyone else's", async () => {
    const store = await openTestStore();
    let now = new Date('2026-12-03T02:00:00Z');
    const queue = (key: string, channel: 'terminal' | 'telegram', externalId: string, text: string, at = now) =>
      store.outbox.enqueue(
        { idempotencyKey: key, channel, externalId, purpose: 'reminder', replies: [{ text }], notBefore: at },
        now,
      );
    await queue('a', 'terminal', 'tester', '⏰ Nhắc việc 1');
    await queue('b', 'terminal', 'tester', '⏰ Nhắc việc 2');
    await queue('c', 'terminal', 'tester', '⏰ Sáng mai', new Date(now.getTime() + 5 * 3600_000));
    await queue('d', 'terminal', 'someone-else', 'không phải của bạn');
    await queue('e', 'telegram', 'tester', 'qua Telegram');
    const shown: Reply[][] = [];
    const inbox = watchTerminalInbox({
      outbox: store.outbox,
      externalId: 'tester',
      now: () => now,
      show: (r) => shown.push(r),
      intervalMs: 60_000,
    });
    try {
      expect(await inbox.check()).toBe(2);
      expect(shown.map((r) => r[0]!.text)).toEqual(['⏰ Nhắc việc 1', '⏰ Nhắc việc 2']);
      expect((await store.outbox.find('a'))!.status).toBe('sent');
      expect(await inbox.check()).toBe(0);
      // The one queued for the morning waits for its time.
      now = new Date(now.getTime() + 5 * 3600_000);
      expect(await inbox.check()).toBe(1);
      expect(shown.at(-1)![0]!.text).toBe('⏰ Sáng mai');
      expect((await store.outbox.find('d'))!.status).toBe('pending');
      expect((await store.outbox.find('e'))!.status).toBe('pending');
    } finally {
      await inbox.stop();
      await store.close();
    }
  });

  it('looks by itself about every second, and not while a reply is being printed', async () => {
    const store = await openTestStore();
    let ready = false;
    const shown: string[] = [];
    const inbox = watchTerminalInbox({
      outbox: store.outbox,
      externalId: 'tester',
      now: () => new Date(),
      show: (r) => shown.push(r[0]!.text),
      ready: () => ready,
      intervalMs: 20,
    });
    try {
      await store.outbox.enqueue({
        idempotencyKey: 'x',
        channel: 'terminal',
        externalId: 'tester',
        purpose: 'handoff',
        replies: [{ text: 'Cán bộ trả lời' }],
        notBefore: new Date(),
      });
      await new Promise((r) => setTimeout(r, 100));
      expect(shown).toEqual([]);
      ready = true;
      await new Promise((r) => setTimeout(r, 100));
      expect(shown).toEqual(['Cán bộ trả lời']);
    } finally {
      await inbox.stop();
      await store.close();
    }
  });
});
