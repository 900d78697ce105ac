// Numbered migrations, applied in order at start. Add a file and list it here; never edit
// one that has shipped.
import core from './001_core.js';
import campaign from './002_campaign.js';
import trust from './005_trust.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [core, campaign, trust];
