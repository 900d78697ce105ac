// `npm run chat`: talk to the same engine and database in a terminal, no token needed.
// Choices are numbered; typing the number taps the button. Pictures and files are saved
// under a folder and their paths printed; messages the outbox holds for this person are
// shown as they fall due. /quit (or end of input, or Ctrl+C) leaves cleanly.
import { createInterface } from 'node:readline';
import { ConfigError, loadConfig } from '../../config.js';
import { createRuntime, describeFlowProblems } from '../../runtime.js';
import { demoInviteLines, seedDemo } from '../../demo.js';
import type { ChannelCapabilities, Choice, InboundEvent, Reply } from '../../bot/types.js';
import { renderForTerminal } from './render.js';
import { terminalEvent } from './events.js';
import { ChatFiles, chatFilesDir, savingAttachments } from './files.js';
import { watchTerminalInbox } from './inbox.js';

const CAPABILITIES: ChannelCapabilities = { buttons: true, images: true, documents: true, maxTextLength: 100_000 };

async function chat(): Promise<void> {
  let config;
  try {
    config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(2);
  }
  let runtime;
  try {
    runtime = await createRuntime(config);
  } catch (err) {
    console.error(describeFlowProblems(err) ?? err);
    process.exit(2);
  }
  const demoInvites = config.DEMO_DATA ? await seedDemo(runtime, { info: () => {} }) : [];
  const externalId = process.env.CHAT_USER ?? 'local';
  const tr = runtime.texts.for(config.DEFAULT_LOCALE);
  const attachments = savingAttachments(new ChatFiles(chatFilesDir()), tr);
  let choices: Choice[] = [];
  let busy = false;

  const show = (replies: Reply[]) => {
    const rendered = renderForTerminal(replies, attachments);
    choices = rendered.choices;
    process.stdout.write(`${rendered.lines.join('\n')}\n`);
  };
  const turn = async (event: InboundEvent) => {
    busy = true;
    try {
      show(await runtime.engine.handle({ channel: 'terminal', externalId, event }, CAPABILITIES));
    } finally {
      busy = false;
    }
  };

  console.log(`${tr.t('common:chat.intro')}\n`);
  for (const line of demoInviteLines(runtime, demoInvites, config.DEFAULT_LOCALE)) console.log(line);
  if (demoInvites.length) console.log('');
  await turn({ kind: 'start' });

  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  rl.setPrompt(`${tr.t('common:chat.you')}> `);
  // Ctrl+C leaves like /quit.
  rl.on('SIGINT', () => rl.close());
  const inbox = watchTerminalInbox({
    outbox: runtime.store.outbox,
    externalId,
    now: runtime.now,
    ready: () => !busy,
    show: (replies) => {
      process.stdout.write(`\n${tr.t('common:chat.fromOutbox')}\n`);
      show(replies);
      rl.prompt(true);
    },
    onError: (err) => console.error(err),
  });
  rl.prompt();
  // Lines are handled one at a time, in order, even when pasted or piped in together.
  for await (const line of rl) {
    if (/^\s*\/(quit|exit)\s*$/.test(line)) break;
    if (line.trim()) await turn(terminalEvent(line, choices));
    rl.prompt();
  }
  // Leaving: nothing may keep the process alive (the inbox's timer, the input stream).
  await inbox.stop();
  rl.close();
  process.stdin.destroy();
  console.log(tr.t('common:chat.bye'));
  await runtime.engine.drain();
  await runtime.store.close();
}

void chat();
