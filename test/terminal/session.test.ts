// `npm run chat` as a person uses it, input kept open like a real terminal: a message the
// outbox held is shown, a /tiendo chart is saved and its path printed, a message queued
// while they chat appears by itself, and /quit ends the process on its own.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../support/testStore.js';

const dirs: string[] = [];
const children: ChildProcessWithoutNullStreams[] = [];
const databases: TestDatabase[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const database of databases.splice(0)) await database.drop();
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

async function queueFor(database: TestDatabase, key: string, text: string): Promise<void> {
  const store = await database.open();
  try {
    await store.outbox.enqueue({
      idempotencyKey: key,
      channel: 'terminal',
      externalId: 'tester',
      purpose: 'handoff',
      replies: [{ text }],
      notBefore: new Date(),
    });
  } finally {
    await store.close();
  }
}

describe('the terminal chat, run as a person runs it', () => {
  it("shows the outbox's messages, saves the chart it is sent, and leaves on /quit by itself", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chat-session-'));
    dirs.push(dir);
    const database = await testDatabase(join(dir, 'chat.sqlite'));
    databases.push(database);
    const filesDir = join(dir, 'files');
    await queueFor(database, 'waiting', 'Tin nhắn chờ sẵn cho bạn');

    const child = spawn(process.execPath, ['--import', 'tsx', 'src/channels/terminal/chat.ts'], {
      env: {
        ...process.env,
        ...database.env,
        DEMO_DATA: 'true',
        CHAT_USER: 'tester',
        CHAT_FILES_DIR: filesDir,
        DEFAULT_LOCALE: 'vi',
      },
      stdio: 'pipe',
    });
    children.push(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const waitFor = async (pattern: RegExp, ms = 15_000): Promise<RegExpMatchArray> => {
      const until = Date.now() + ms;
      for (;;) {
        const m = out.match(pattern);
        if (m) return m;
        if (Date.now() > until || child.exitCode !== null) throw new Error(`no ${pattern} in:\n${out}\n${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    // What was waiting is shown when the chat opens, and counts as delivered.
    await waitFor(/📬 Trợ lý gửi ông\/bà:\nTin nhắn chờ sẵn cho bạn/);
    const code = (await waitFor(/\(lãnh đạo đơn vị, [^)]+\): gõ \/dangky (\S+)/))[1]!;
    child.stdin.write(`/dangky ${code}\n`);
    await waitFor(/Đăng ký thành công/);

    child.stdin.write('/tiendo\n');
    const picture = (await waitFor(/🖼 {2}Ảnh đã lưu: (.+\.png)/))[1]!;
    expect(picture.startsWith(filesDir)).toBe(true);
    expect(existsSync(picture)).toBe(true);
    expect(readFileSync(picture).subarray(1, 4).toString()).toBe('PNG');

    // Someone queues a message for this person while they chat: it appears by itself.
    await queueFor(database, 'later', 'Cán bộ vừa trả lời bạn');
    await waitFor(/📬 Trợ lý gửi ông\/bà:\nCán bộ vừa trả lời bạn/, 5000);

    child.stdin.write('/quit\n');
    const quitAt = Date.now();
    const code0 = await Promise.race([exited, new Promise<'still running'>((r) => setTimeout(() => r('still running'), 5000))]);
    expect(code0).toBe(0);
    expect(Date.now() - quitAt).toBeLessThan(5000);
    expect(out).toContain('Tạm biệt!');
    expect(err).not.toMatch(/Error/);

    const store = await database.open();
    try {
      expect((await store.outbox.find('waiting'))!.status).toBe('sent');
      expect((await store.outbox.find('later'))!.status).toBe('sent');
    } finally {
      await store.close();
    }
  }, 60_000);
});
