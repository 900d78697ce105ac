// The store the composition root hands out: one SQLite database, its repositories.
import type { Kysely } from 'kysely';
import { type Db, openDatabase } from './database.js';
import type { DB } from './schema.js';
import { sqliteKysely } from './sqlite/kysely.js';
import type { ConversationRepository, PersonRepository, ProcessedUpdateRepository, TurnLedger } from './repositories.js';
import { SqliteTurnLedger } from './turnLedger.js';
import { SqlitePersonRepository } from './sqlite/persons.js';
import { SqliteConversationRepository } from './sqlite/conversations.js';
import { SqliteProcessedUpdateRepository } from './sqlite/processedUpdates.js';
import { AuditLog } from './audit.js';
import { Outbox } from './outbox.js';

export interface Store {
  persons: PersonRepository;
  conversations: ConversationRepository;
  processedUpdates: ProcessedUpdateRepository;
  audit: AuditLog;
  outbox: Outbox;
  turns: TurnLedger;
  /** A consistent copy of the live database (SQLite online backup), safe while the bot runs. */
  backup(destination: string): Promise<void>;
  /** True while the database answers; used by /healthz. */
  ping(): boolean;
  close(): void;
  /** The raw handle, for repositories added by domain modules (SQLite only). */
  readonly db: Db;
  /** Typed queries (Kysely) on the same connection: the query layer shared with PostgreSQL. */
  readonly sql: Kysely<DB>;
}

/** The store on a database file (or `:memory:`): every repository over one connection. */
export function openStore(path: string): Store {
  const db = openDatabase(path);
  const outbox = new Outbox(db);
  return {
    db,
    sql: sqliteKysely(db),
    persons: new SqlitePersonRepository(db),
    conversations: new SqliteConversationRepository(db),
    processedUpdates: new SqliteProcessedUpdateRepository(db),
    audit: new AuditLog(db),
    outbox,
    turns: new SqliteTurnLedger(db, outbox),
    backup: async (destination) => {
      await db.backup(destination);
    },
    ping: () => {
      try {
        return db.prepare('SELECT 1 AS ok').get() !== undefined;
      } catch {
        return false;
      }
    },
    close: () => {
      if (db.open) db.close();
    },
  };
}
