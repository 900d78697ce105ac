import type { CliCommand } from '../command.js';
import { parseFlags } from '../command.js';
import { cliTranslator } from './campaignCliText.js';

/** `audit --since 2023-12-01`: the audit log from a date, one event per line. */
export const auditCommand: CliCommand = {
  name: 'audit',
  usage: '--since YYYY-MM-DD   print the audit log from that day (Asia/Ho_Chi_Minh)',
  async run(args, ctx) {
    const { store, io } = ctx;
    const tr = cliTranslator(ctx);
    const { since } = parseFlags(args);
    if (!since || !/^\d{4}-\d{2}-\d{2}$/.test(since) || Number.isNaN(Date.parse(`${since}T00:00:00+07:00`))) {
      io.err(tr.t('cli:audit.badSince'));
      return 1;
    }
    const events = await store.audit.since(new Date(`${since}T00:00:00+07:00`));
    for (const e of events)
      io.out(
        [
          e.at,
          e.action,
          e.actorId === null ? '-' : `person:${e.actorId}`,
          e.unitCode ?? '-',
          e.subject ?? '-',
          JSON.stringify(e.details),
        ].join('\t'),
      );
    io.out(tr.t('cli:audit.count', { count: events.length, since }));
    return 0;
  },
};
