// `npm run cli -- COMMAND [flags]`: administrators' commands over the same database.
import { ConfigError, loadConfig } from '../config.js';
import { openConfiguredStore } from '../store/index.js';
import { CLI_COMMANDS } from './registry.js';
import { Texts } from '../i18n/index.js';
import type { CliIo } from './command.js';

const io: CliIo = { out: (line) => console.log(line), err: (line) => console.error(line) };

function usage(): string {
  const width = Math.max(...CLI_COMMANDS.map((c) => c.name.length), 4);
  return [
    'Usage: npm run cli -- COMMAND [options]',
    '',
    'Commands:',
    ...CLI_COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.usage}`),
  ].join('\n');
}

async function cli(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help') {
    io.out(usage());
    return name ? 0 : 1;
  }
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(err.message);
      return 2;
    }
    throw err;
  }
  const tr = Texts.load(config.DEFAULT_LOCALE).for(config.DEFAULT_LOCALE);
  const command = CLI_COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`${tr.t('cli:unknown', { name })}\n\n${usage()}`);
    return 1;
  }
  const store = await openConfiguredStore(config);
  try {
    return await command.run(args, { config, store, io, now: new Date() });
  } catch (err) {
    io.err(tr.t('cli:failed', { name, message: err instanceof Error ? err.message : String(err) }));
    return 1;
  } finally {
    await store.close();
  }
}

process.exitCode = await cli(process.argv.slice(2));
