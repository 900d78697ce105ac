// A file a person sends on Telegram reaches the engine as a reference: its name, size and
// type at once, its content only when a module downloads it (getFile, then the file URL
// under the configured API root). A failed download never quotes the token.
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundFile } from '../../src/bot/types.js';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/channel.js';
import type { Store } from '../../src/store/index.js';
import { BOT_INFO, memoryLogger, scriptedEngine, type ScriptedEngine } from './harness.js';
import { type FileBotApi, startFileBotApi } from './fileBotApi.js';
import { openTestStore } from '../support/testStore.js';

const TOKEN = '555000222:file-download-test-token_abcdef';
const CHAT = 8001;

let api: FileBotApi;
let store: Store;
let channel: TelegramChannel;
let engine: ScriptedEngine;
let downloaded: (Uint8Array | string)[] = [];
let updateId = 90_000;

beforeAll(async () => {
  api = await startFileBotApi(TOKEN);
  store = await openTestStore();
  // Downloads what it is given, as a module would, and says what it got.
  engine = scriptedEngine(async (inbound) => {
    const file = inbound.event.kind === 'media' ? inbound.event.file : undefined;
    if (!file) return [{ text: 'no file' }];
    try {
      downloaded.push(await file.download());
    } catch (err) {
      downloaded.push((err as Error).message);
    }
    return [{ text: 'ok' }];
  });
  channel = createTelegramChannel({
    token: TOKEN,
    apiRoot: api.url,
    engine,
    turns: store.turns,
    logger: memoryLogger().logger,
    botInfo: BOT_INFO,
  });
});
afterAll(async () => {
  await channel?.stop();
  await store?.close();
  await api?.close();
});

function messageUpdate(extra: Record<string, unknown>): Update {
  const id = ++updateId;
  return {
    update_id: id,
    message: {
      message_id: id,
      date: 0,
      chat: { id: CHAT, type: 'private', first_name: 'An' },
      from: { id: CHAT, is_bot: false, first_name: 'An' },
      ...extra,
    },
  } as unknown as Update;
}

const lastFile = (): InboundFile | undefined => {
  const event = engine.seen.at(-1)?.inbound.event;
  return event?.kind === 'media' ? event.file : undefined;
};

describe('a file sent on Telegram', () => {
  it('comes with its name, size and type, and its bytes from the Bot API when downloaded', async () => {
    downloaded = [];
    const { fileId, size } = api.addFile('thong-ke.csv', 'Mã đơn vị,Từ ngày\nBT,2023-12-04\n');
    await channel.bot.handleUpdate(
      messageUpdate({
        document: { file_id: fileId, file_unique_id: 'u1', file_name: 'thong-ke.csv', mime_type: 'text/csv', file_size: size },
      }),
    );
    expect(lastFile()).toMatchObject({ name: 'thong-ke.csv', size, mimeType: 'text/csv' });
    expect(Buffer.from(downloaded[0] as Uint8Array).toString('utf8')).toBe('Mã đơn vị,Từ ngày\nBT,2023-12-04\n');
    expect(api.calls.filter((c) => c.method === 'getFile').map((c) => c.body.file_id)).toEqual([fileId]);
  });

  it('is not fetched unless a module asks for it; a photo carries no file to fetch', async () => {
    const calls = api.calls.filter((c) => c.method === 'getFile').length;
    const downloads = api.downloads.length;
    const quiet = scriptedEngine(() => [{ text: 'ok' }]);
    const other = createTelegramChannel({
      token: TOKEN,
      apiRoot: api.url,
      engine: quiet,
      turns: store.turns,
      logger: memoryLogger().logger,
      botInfo: BOT_INFO,
    });
    const { fileId } = api.addFile('x.csv', 'a,b');
    await other.bot.handleUpdate(messageUpdate({ document: { file_id: fileId, file_unique_id: 'u2', file_name: 'x.csv' } }));
    await other.bot.handleUpdate(messageUpdate({ photo: [{ file_id: fileId, file_unique_id: 'u3', width: 1, height: 1 }] }));
    expect(quiet.seen[0]?.inbound.event).toMatchObject({ kind: 'media', mediaKind: 'file', file: { name: 'x.csv' } });
    expect(quiet.seen[1]?.inbound.event).toEqual({ kind: 'media', mediaKind: 'image' });
    expect(api.calls.filter((c) => c.method === 'getFile')).toHaveLength(calls);
    expect(api.downloads).toHaveLength(downloads);
  });

  it('fails to download without quoting the token', async () => {
    downloaded = [];
    await channel.bot.handleUpdate(messageUpdate({ document: { file_id: 'gone', file_unique_id: 'u4', file_name: 'gone.csv' } }));
    expect(downloaded).toHaveLength(1);
    expect(String(downloaded[0])).not.toContain(TOKEN);
    expect(String(downloaded[0])).not.toContain(TOKEN.split(':')[1]!);
  });
});
