// What one bot that never shares its work sends each person for the same messages, as the
// Telegram messages it would send (texts or captions), in order: the answer the two
// replicas together must give, word for word.
import type { Update } from 'grammy/types';
import { loadConfig } from '../../../src/config.js';
import { createRuntime } from '../../../src/runtime.js';
import { TELEGRAM_CAPABILITIES } from '../../../src/channels/telegram/channel.js';
import { toInbound } from '../../../src/channels/telegram/inbound.js';
import { renderReply } from '../../../src/channels/telegram/render.js';
import { type Citizen, updateBody } from './citizens.js';

export async function oneReplicaAnswers(people: readonly Citizen[]): Promise<Map<string, string[]>> {
  const runtime = await createRuntime(loadConfig({ DATABASE_PATH: ':memory:', DATABASE_URL: '', DEMO_DATA: 'false' }));
  const answers = new Map<string, string[]>();
  try {
    await Promise.all(
      people.map(async ({ chat, messages }) => {
        const texts: string[] = [];
        for (const message of messages) {
          const inbound = toInbound(JSON.parse(updateBody(message)) as Update)!;
          for (const reply of await runtime.engine.handle(inbound, TELEGRAM_CAPABILITIES))
            for (const sent of renderReply(reply)) texts.push(sent.kind === 'text' ? sent.text : (sent.caption ?? ''));
        }
        answers.set(String(chat), texts);
      }),
    );
  } finally {
    await runtime.store.close();
  }
  return answers;
}
