// A test bot for reports: the campaign demo (Bến Tre tree, demo statistics) with the
// reports module and the /baocao flow on the real engine, and a person API like the
// shared harness. Built on its own engine so it works whether or not the composition root
// lists the reports module yet.
import { existsSync, readFileSync } from 'node:fs';
import { Engine } from '../../src/bot/engine.js';
import type { Inbound, Reply } from '../../src/bot/types.js';
import { createCampaignModule } from '../../src/campaign/module.js';
import { seedDemoData } from '../../src/campaign/demo.js';
import { createReportsModule } from '../../src/campaign/reports/module.js';
import { grantRole } from '../../src/campaign/roles/repository.js';
import type { Role } from '../../src/campaign/roles/types.js';
import { lintFlows } from '../../src/flows/linter.js';
import { loadFlows, parseFlow } from '../../src/flows/loader.js';
import { projectPath } from '../../src/paths.js';
import { createTestBot, TEST_CAPABILITIES } from '../support/harness.js';

export const DEMO_NOW = new Date('2023-12-08T15:00:00+07:00');
/** Before the 10:00 deadline of the demo's current week (Friday 08/12/2023). */
export const BEFORE_DEADLINE = new Date('2023-12-07T09:00:00+07:00');

function reportFlows() {
  const flows = loadFlows();
  if (flows.some((f) => f.id === 'baocao')) return flows;
  const staged = projectPath('src', 'campaign', 'reports', 'staged', 'baocao.yaml');
  if (!existsSync(staged)) throw new Error('the baocao flow is missing');
  const parsed = parseFlow('baocao.yaml', readFileSync(staged, 'utf8'));
  if (!parsed.flow) throw new Error(parsed.problems.join('\n'));
  return [...flows, parsed.flow];
}

export interface ReportsPerson {
  externalId: string;
  send(text: string): Promise<Reply[]>;
  command(name: string, args?: string): Promise<Reply[]>;
  tap(label: string | RegExp): Promise<Reply[]>;
  tapId(id: string): Promise<Reply[]>;
  lastText(): string;
  choiceLabels(): string[];
  lastReplies(): Reply[];
  personId(): number;
}

export async function reportsBot(start: Date = DEMO_NOW, options: { databasePath?: string; seed?: boolean } = {}) {
  let now = start;
  const clock = () => now;
  const base = await createTestBot({ now: clock, ...(options.databasePath ? { databasePath: options.databasePath } : {}) });
  if (options.seed !== false) seedDemoData(base.db, start);
  const { config, store, texts } = base.runtime;
  const modules = [
    ...base.runtime.modules.filter((m) => m.name !== 'reports' && m.name !== 'campaign'),
    createCampaignModule({ db: store.db, config, now: clock }),
    createReportsModule({ db: store.db, store, config, now: clock }),
  ];
  const flows = reportFlows();
  const engine = new Engine({ store, texts, flows, modules, defaultLocale: config.DEFAULT_LOCALE, now: clock });
  const problems = lintFlows(flows, {
    hasText: (key, locale) => texts.has(key, locale),
    commands: engine.commandNames(),
    actions: new Set(modules.flatMap((m) => Object.keys(m.actions ?? {}))),
  });
  if (problems.length) throw new Error(problems.join('\n'));

  const person = (externalId: string): ReportsPerson => {
    let last: Reply[] = [];
    const turn = async (event: Inbound['event']) => {
      last = await engine.handle({ channel: 'telegram', externalId, event }, TEST_CAPABILITIES);
      return last;
    };
    return {
      externalId,
      send: (text) => turn({ kind: 'text', text }),
      command: (name, args = '') => turn({ kind: 'command', name, args }),
      tap: (label) => {
        const choices = last.flatMap((r) => r.choices ?? []);
        const choice = choices.find((c) => (typeof label === 'string' ? c.label === label : label.test(c.label)));
        if (!choice) throw new Error(`no choice ${String(label)} among: ${choices.map((c) => c.label).join(' | ')}`);
        return turn({ kind: 'choice', id: choice.id });
      },
      tapId: (id) => turn({ kind: 'choice', id }),
      lastText: () => last.map((r) => r.text).join('\n'),
      choiceLabels: () => last.flatMap((r) => r.choices ?? []).map((c) => c.label),
      lastReplies: () => last,
      personId: () => store.persons.findOrCreate({ channel: 'telegram', externalId }, config.DEFAULT_LOCALE).person.id,
    };
  };
  const official = (externalId: string, unitCode: string, role: Role): ReportsPerson => {
    const p = person(externalId);
    grantRole(store.db, p.personId(), unitCode, role, now);
    return p;
  };
  return {
    store,
    db: store.db,
    person,
    official,
    setNow: (moment: Date) => {
      now = moment;
    },
    close: () => store.close(),
  };
}
