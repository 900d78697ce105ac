// An administrators' command: `npm run cli -- NAME [--flag value …]`.
import type { Config } from '../config.js';
import type { Store } from '../store/index.js';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export interface CliContext {
  config: Config;
  store: Store;
  io: CliIo;
  now: Date;
}

export interface CliCommand {
  name: string;
  /** One line: arguments and what it does. */
  usage: string;
  /** Returns the process exit code. */
  run(args: string[], ctx: CliContext): Promise<number> | number;
}

/** `--unit BT --role head` → { unit: 'BT', role: 'head' }; bare words under `_`. */
export function parseFlags(args: string[]): Record<string, string> & { _: string } {
  const flags: Record<string, string> = {};
  const bare: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
      if (inline !== undefined) flags[name] = inline;
      else if (args[i + 1] !== undefined && !args[i + 1]!.startsWith('--')) flags[name] = args[++i]!;
      else flags[name] = 'true';
    } else bare.push(arg);
  }
  return Object.assign(flags, { _: bare.join(' ') });
}
