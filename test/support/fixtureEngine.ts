// A small engine over fixture flows and texts, so the engine's own rules are tested apart
// from the real guides' content.
import { parse } from 'yaml';
import { Engine } from '../../src/bot/engine.js';
import type { BotModule } from '../../src/bot/module.js';
import type { ChannelCapabilities, InboundEvent, Reply } from '../../src/bot/types.js';
import { FlowSchema, type Flow } from '../../src/flows/schema.js';
import { Texts, type Resources } from '../../src/i18n/index.js';
import type { Store } from '../../src/store/index.js';
import { openTestStore, type TestDatabase } from './testStore.js';

export const CAPS: ChannelCapabilities = { buttons: true, images: true, documents: true, maxTextLength: 4096 };

export function flow(yaml: string): Flow {
  return FlowSchema.parse(parse(yaml));
}

export const FIXTURE_FLOWS = [
  flow(`
id: menu
title: t:menu
nav: false
start: home
steps:
  home:
    say: t:home
    choices:
      - { id: guide, label: t:guide, flow: guide }
      - { id: ask, label: t:ask, flow: ask }
`),
  flow(`
id: guide
title: t:guide
command: guide
keywords: { vi: ["dang ky tai khoan", "vneid"], en: ["sign up"] }
start: one
steps:
  one:
    say: t:one
    choices: [{ id: next, label: t:next, next: two }]
  two:
    say: t:two
    choices: [{ id: done, label: t:done, next: three }]
  three:
    say: t:three
    end: true
`),
  flow(`
id: ask
title: t:ask
staleTaps: refuse
keywords: { vi: ["tim xa"], en: [] }
start: name
steps:
  name:
    say: t:name
    input: { save: query, next: find }
  find:
    say: t:pick
    action: find
    outcomes: { one: found, picked: found, none: name }
  found:
    say: t:found
    end: true
`),
];

const strings = {
  menu: 'Menu chính',
  home: 'Xin chào',
  guide: 'Hướng dẫn tài khoản',
  ask: 'Tìm xã',
  one: 'Bước một',
  two: 'Bước hai',
  three: 'Xong {{query}}',
  next: 'Tiếp',
  done: 'Hoàn tất',
  name: 'Tên xã?',
  pick: 'Chọn xã',
  found: 'Xã {{commune}}',
};
export const FIXTURE_RESOURCES: Resources = {
  vi: { t: strings, common: realCommon('vi') },
  en: { t: Object.fromEntries(Object.entries(strings).map(([k, v]) => [k, `EN ${v}`])), common: realCommon('en') },
};

function realCommon(locale: 'vi' | 'en'): Record<string, unknown> {
  return Texts.load('vi').resources[locale].common as Record<string, unknown>;
}

/** The `find` action: one match for "an", two for "phu", none otherwise; slow when asked. */
export const findModule: BotModule = {
  name: 'fixture',
  actions: {
    find: async ({ vars }) => {
      if (vars.query === 'slow') await new Promise((r) => setTimeout(r, 50));
      if (vars.query === 'an' || vars.query === 'slow') return { outcome: 'one', vars: { commune: 'An Hội' } };
      if (vars.query === 'phu')
        return {
          outcome: 'picked',
          save: 'commune',
          options: [
            { value: 'Phú Hưng', label: 'Xã Phú Hưng' },
            { value: 'Phú Nhuận', label: 'Xã Phú Nhuận' },
          ],
        };
      return { outcome: 'none', replies: [{ text: 'không thấy' }] };
    },
  },
  commands: [
    { name: 'echo', handler: ({ args }) => [{ text: `echo ${args}` }], deepLink: true },
    { name: 'erase', handler: () => [{ text: 'erased' }] },
  ],
};

export interface FixtureBot {
  engine: Engine;
  store: Store;
  turn(event: InboundEvent, who?: string): Promise<Reply[]>;
  text(t: string, who?: string): Promise<Reply[]>;
  tap(label: string, replies: Reply[], who?: string): Promise<Reply[]>;
}

/** The fixture flows on the real engine, on a database the test keeps (to restart on it) or on a fresh store. */
export async function fixtureBot(opts: { database?: TestDatabase; now?: () => Date } = {}): Promise<FixtureBot> {
  const store = opts.database ? await opts.database.open() : await openTestStore();
  const engine = new Engine({
    store,
    texts: Texts.load('vi', FIXTURE_RESOURCES),
    flows: FIXTURE_FLOWS,
    modules: [findModule],
    ...(opts.now ? { now: opts.now } : {}),
  });
  const turn = (event: InboundEvent, who = 'u1') => engine.handle({ channel: 'terminal', externalId: who, event }, CAPS);
  return {
    engine,
    store,
    turn,
    text: (t, who) => turn({ kind: 'text', text: t }, who),
    tap: (label, replies, who) => {
      const choice = replies.flatMap((r) => r.choices ?? []).find((c) => c.label === label);
      if (!choice) throw new Error(`no choice "${label}" in ${JSON.stringify(replies)}`);
      return turn({ kind: 'choice', id: choice.id }, who);
    },
  };
}

export const texts = (replies: Reply[]) => replies.map((r) => r.text);
export const labels = (replies: Reply[]) => replies.flatMap((r) => r.choices ?? []).map((c) => c.label);
