// A conversation with the real engine, real flows and real texts on a fresh store (SQLite in
// memory, or a PostgreSQL database of its own in the PostgreSQL run), as a person on the
// terminal channel would have it. Tests drive it turn by turn.
import type { BotModule } from '../../src/bot/module.js';
import type { ChannelCapabilities, ChannelName, Reply } from '../../src/bot/types.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { createModules } from '../../src/modules.js';
import type { Store } from '../../src/store/index.js';
import type { Locale } from '../../src/i18n/format.js';
import { openTestStore, type TestDatabase } from './testStore.js';

export const TEST_CAPABILITIES: ChannelCapabilities = { buttons: true, images: true, documents: true, maxTextLength: 4096 };

export interface TestBotOptions {
  /** Replace the real modules (default: the modules the bot ships with). */
  modules?: BotModule[] | ((config: Config, store: Store, now: () => Date) => BotModule[]);
  now?: () => Date;
  locale?: Locale;
  env?: Record<string, string>;
  /** A database the test keeps (to restart on it, or to read its files), instead of a fresh store. */
  database?: TestDatabase;
  channel?: ChannelName;
}

export interface TestPerson {
  readonly externalId: string;
  readonly lastReplies: Reply[];
  send(text: string): Promise<Reply[]>;
  command(name: string, args?: string): Promise<Reply[]>;
  start(payload?: string): Promise<Reply[]>;
  /** Taps the first choice of the last replies whose label matches (exactly, or the RegExp). */
  tap(label: string | RegExp): Promise<Reply[]>;
  tapId(id: string): Promise<Reply[]>;
  media(kind?: 'image' | 'file'): Promise<Reply[]>;
  /** Every text of the last replies, joined. */
  lastText(): string;
  /** Every choice label of the last replies. */
  choiceLabels(): string[];
  /** The person's id, creating the person as a first contact would when they have not written yet. */
  personId(): Promise<number>;
}

export interface TestBot extends TestPerson {
  runtime: Runtime;
  store: Store;
  as(externalId: string, channel?: ChannelName): TestPerson;
  close(): Promise<void>;
}

export async function createTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const config = loadConfig({ DATABASE_PATH: ':memory:', DEMO_DATA: 'false', ...options.env });
  const runtime = await createRuntime(config, {
    store: options.database ? await options.database.open() : await openTestStore(),
    // Transcripts type faster than any person; the flood guard has its own test.
    floodLimits: { points: 100_000, windowSeconds: 1 },
    ...(options.now ? { now: options.now } : {}),
    ...(options.modules
      ? {
          modules: (c: Config, s: Store, n: () => Date) => {
            const list = typeof options.modules === 'function' ? options.modules(c, s, n) : options.modules!;
            const real = createModules(c, s, n);
            return { modules: list, settings: real.settings };
          },
        }
      : {}),
  });
  const store = runtime.store;
  const channel = options.channel ?? 'terminal';
  const personIdOf = async (ch: ChannelName, externalId: string): Promise<number> =>
    (await store.persons.findOrCreate({ channel: ch, externalId }, config.DEFAULT_LOCALE)).person.id;

  const personFor = (externalId: string, ch: ChannelName): TestPerson => {
    let last: Reply[] = [];
    const turn = async (event: Parameters<Runtime['engine']['handle']>[0]['event']) => {
      last = await runtime.engine.handle({ channel: ch, externalId, event }, TEST_CAPABILITIES);
      return last;
    };
    const person: TestPerson = {
      externalId,
      get lastReplies() {
        return last;
      },
      send: (text) => turn({ kind: 'text', text }),
      command: (name, args = '') => turn({ kind: 'command', name, args }),
      start: (payload) => turn(payload ? { kind: 'start', payload } : { kind: 'start' }),
      tap: (label) => {
        const choices = last.flatMap((r) => r.choices ?? []);
        const choice = choices.find((c) => (typeof label === 'string' ? c.label === label : label.test(c.label)));
        if (!choice) throw new Error(`no choice ${String(label)} among: ${choices.map((c) => c.label).join(' | ')}`);
        return turn({ kind: 'choice', id: choice.id });
      },
      tapId: (id) => turn({ kind: 'choice', id }),
      media: (kind = 'image') => turn({ kind: 'media', mediaKind: kind }),
      lastText: () => last.map((r) => r.text).join('\n'),
      choiceLabels: () => last.flatMap((r) => r.choices ?? []).map((c) => c.label),
      personId: () => personIdOf(ch, externalId),
    };
    return person;
  };

  const main = personFor('tester', channel);
  if (options.locale && options.locale !== config.DEFAULT_LOCALE) {
    // A person who chose a language with /lang earlier, after the privacy notice.
    const id = await main.personId();
    await store.persons.setLocale(id, options.locale);
    await store.persons.markNoticed(id);
  }
  const bot: TestBot = Object.assign(main, {
    runtime,
    store,
    as: (externalId: string, ch: ChannelName = channel) => personFor(externalId, ch),
    close: () => store.close(),
  });
  return bot;
}
