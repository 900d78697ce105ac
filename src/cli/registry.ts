// Every administrators' command, in the order `npm run cli -- help` lists them.
import type { CliCommand } from './command.js';

export const CLI_COMMANDS: CliCommand[] = [];
