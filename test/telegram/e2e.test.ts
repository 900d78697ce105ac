// End to end: the real entry point, in polling mode, against a Telegram Bot API emulator.
// A person starts the bot, taps through the menu into a guide, the process is stopped
// (SIGTERM) and started again, and the person carries on at the step they had reached.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { parseChoiceToken } from '../../src/flows/choiceToken.js';
import { testDatabase, type TestDatabase } from '../support/testStore.js';

const ROOT = join(import.meta.dirname, '..', '..');
const TOKEN = '987654321:e2e-test-token_abcdefghijklmnop';
const CHAT = 31337;
const apology = (JSON.parse(readFileSync(join(ROOT, 'locales/vi/common.json'), 'utf8')) as { errors: { apology: string } }).errors
  .apology;

interface BotMessage {
  text?: string;
  caption?: string;
  buttons: { text: string; data?: string; url?: string }[];
}

const workDir = mkdtempSync(join(tmpdir(), 'trolydvc-e2e-'));
const children = new Set<ChildProcess>();
let emulator: TelegramServer | undefined;
let database: TestDatabase | undefined;

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await emulator?.stop();
  await database?.drop();
  rmSync(workDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The real process as an operator starts it, with its output kept for the failure message. */
function startBot(apiRoot: string, data: TestDatabase) {
  const output: string[] = [];
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('TELEGRAM_')) env[k] = v;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...env,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_MODE: 'polling',
      TELEGRAM_API_ROOT: apiRoot,
      ...data.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  return { child, exited, output: () => output.join('') };
}

type RunningBot = ReturnType<typeof startBot>;

async function stopBot(bot: RunningBot): Promise<number | null> {
  bot.child.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 15_000).unref());
  const code = await Promise.race([bot.exited, timeout]);
  if (code === 'timeout') {
    bot.child.kill('SIGKILL');
    throw new Error(`the bot did not stop within 15 s of SIGTERM:\n${bot.output()}`);
  }
  return code;
}

function person(server: TelegramServer) {
  const client = server.getClient(TOKEN, { chatId: CHAT, userId: CHAT, firstName: 'An' });
  const readBotMessages = async (): Promise<BotMessage[]> => {
    const res = await fetch(`${server.config.apiURL}/getUpdates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: TOKEN, chatId: CHAT }),
    });
    const body = (await res.json()) as { result: { message: Record<string, unknown> }[] };
    return body.result.map(({ message }) => {
      const markup = (typeof message.reply_markup === 'string' ? JSON.parse(message.reply_markup) : message.reply_markup) as
        { inline_keyboard?: { text: string; callback_data?: string; url?: string }[][] } | undefined;
      return {
        ...(typeof message.text === 'string' ? { text: message.text } : {}),
        ...(typeof message.caption === 'string' ? { caption: message.caption } : {}),
        buttons: (markup?.inline_keyboard ?? []).flat().map((b) => ({
          text: b.text,
          ...(b.callback_data !== undefined ? { data: b.callback_data } : {}),
          ...(b.url !== undefined ? { url: b.url } : {}),
        })),
      };
    });
  };

  return {
    say: (text: string) => client.sendMessage(client.makeMessage(text)),
    tap: (data: string) => client.sendCallback(client.makeCallbackQuery(data)),
    sendPhoto: () => {
      const { text: _text, ...message } = client.makeMessage('');
      return client.sendMessage({ ...message, photo: [{ file_id: 'p', file_unique_id: 'p', width: 90, height: 90 }] } as never);
    },
    /** Everything the bot says in answer: waits for a first message, then for a quiet moment. */
    async replies(bot: RunningBot): Promise<BotMessage[]> {
      const got: BotMessage[] = [];
      const deadline = Date.now() + 20_000;
      let quietSince = Date.now();
      while (Date.now() < deadline) {
        const fresh = await readBotMessages();
        if (fresh.length > 0) {
          got.push(...fresh);
          quietSince = Date.now();
        } else if (got.length > 0 && Date.now() - quietSince > 800) return got;
        if (bot.child.exitCode !== null) throw new Error(`the bot exited (${bot.child.exitCode}):\n${bot.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`the bot did not answer within 20 s:\n${bot.output()}`);
    },
  };
}

/** The step a message shows, read from its flow buttons (`f|flow|step|choice`). */
function stepOf(message: BotMessage | undefined): string | undefined {
  for (const button of message?.buttons ?? []) {
    const ref = button.data ? parseChoiceToken(button.data) : undefined;
    if (ref) return `${ref.flowId}.${ref.stepId}`;
  }
  return undefined;
}

describe('Telegram end to end (polling, real process)', () => {
  it('walks /start → menu → a guide step, survives a restart and continues at that step', { timeout: 60_000 }, async () => {
    const port = await freePort();
    emulator = new TelegramServer({ port, host: '127.0.0.1' });
    await emulator.start();
    const apiRoot = emulator.config.apiURL;
    const an = person(emulator);
    database = await testDatabase(join(workDir, 'trolydvc.sqlite'));

    // First run: /start shows the menu as buttons.
    let bot = startBot(apiRoot, database);
    await an.say('/start');
    const welcome = await an.replies(bot);
    const menu = welcome.at(-1);
    const menuStep = stepOf(menu);
    expect(menuStep, JSON.stringify(welcome)).toMatch(/^menu\./);

    // Tap menu entries until one opens a guide step that waits for another tap.
    let step: BotMessage | undefined;
    for (const button of menu!.buttons.filter((b) => b.data && parseChoiceToken(b.data))) {
      await an.tap(button.data!);
      const answer = await an.replies(bot);
      expect(answer.map((m) => m.text)).not.toContain(apology);
      const last = answer.at(-1);
      if (stepOf(last) && stepOf(last) !== menuStep) {
        step = last;
        break;
      }
      await an.say('/start');
      await an.replies(bot);
    }
    expect(step, 'no menu entry leads to a step with its own buttons').toBeDefined();

    // Restart: the process stops cleanly on SIGTERM and comes back on the same database.
    expect(await stopBot(bot)).toBe(0);
    bot = startBot(apiRoot, database);

    // Sending something the bot cannot read makes it show where the person stands.
    await an.sendPhoto();
    const whereAmI = await an.replies(bot);
    expect(whereAmI.at(-1)).toEqual(step);

    // And the person goes on from there: the step's own button leads to the next step.
    const next = step!.buttons.find((b) => b.data && parseChoiceToken(b.data))!;
    await an.tap(next.data!);
    const after = await an.replies(bot);
    expect(after.map((m) => m.text)).not.toContain(apology);
    expect(after.at(-1)).not.toEqual(step);

    expect(await stopBot(bot)).toBe(0);
  });
});
