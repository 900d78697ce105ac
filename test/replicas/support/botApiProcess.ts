// The limit-enforcing fake Bot API (test/jobs/limitedBotApi.ts) in a process of its own, as
// Telegram is another machine: the moment it stamps on each arriving request is then not
// held up by the test's own work (hundreds of people's requests), which would bunch the
// stamps and make it refuse messages the bot in fact sent in time.
// Started by remoteBotApi.ts with its options as the one argument; speaks over IPC.
import { setPriority } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { seededRandom } from '../../../src/campaign/demo.js';
import { startLimitedBotApi } from '../../jobs/limitedBotApi.js';
import type { BotApiProcessOptions, FromBotApi, ToBotApi } from './remoteBotApi.js';

const options = JSON.parse(process.argv[2]!) as BotApiProcessOptions;
const send = (message: FromBotApi) => process.send!(message);
const counted = (chat: string) => Number(chat) >= options.globalChats.from && Number(chat) <= options.globalChats.to;

// Telegram runs on machines of its own: here it goes first on the test's busy cores, where
// allowed (root), so that the moment it stamps is the moment a request came.
try {
  setPriority(-10);
} catch {
  // Not allowed: stamps may then be late by as much as this process waits for a core.
}
// How late this process itself ran: a stamp is late by as much.
const lag = monitorEventLoopDelay({ resolution: 1 });
lag.enable();
const api = await startLimitedBotApi({ token: options.token, random: seededRandom(options.seed), countsTowardGlobal: counted });
send({ kind: 'ready', apiRoot: api.apiRoot });

// Tells the test the moment the fan-out reaches its mark, and who sent the message that did.
let seen = 0;
let fanout = 0;
const watch = setInterval(() => {
  for (; seen < api.accepted.length; seen++) {
    const message = api.accepted[seen]!;
    if (counted(message.chat) && ++fanout === options.notifyAfter) send({ kind: 'reached', via: message.via ?? '' });
  }
}, 2);

// Never outlives the test that started it.
process.on('disconnect', () => process.exit(0));
process.on('message', (message: ToBotApi) => {
  if (message === 'records')
    send({
      kind: 'records',
      accepted: api.accepted,
      refusals: api.refusals,
      lateMs: { p99: lag.percentile(99) / 1e6, max: lag.max / 1e6 },
    });
  if (message === 'close') {
    clearInterval(watch);
    void api.close().then(() => process.exit(0));
  }
});
