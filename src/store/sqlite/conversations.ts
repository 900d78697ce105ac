import type { Db } from '../database.js';
import type { ConversationRepository, ConversationState } from '../repositories.js';

interface ConversationRow {
  flow_id: string;
  step_id: string;
  history: string;
  vars: string;
  options: string | null;
  updated_at: string;
}

/** Where each person stands in a flow, one row a person. */
export class SqliteConversationRepository implements ConversationRepository {
  private readonly select;
  private readonly upsert;
  private readonly remove;

  constructor(db: Db) {
    this.select = db.prepare<[number], ConversationRow>(
      'SELECT flow_id, step_id, history, vars, options, updated_at FROM conversation WHERE person_id = ?',
    );
    this.upsert = db.prepare(
      `INSERT INTO conversation (person_id, flow_id, step_id, history, vars, options, updated_at)
       VALUES (@personId, @flowId, @stepId, @history, @vars, @options, @updatedAt)
       ON CONFLICT(person_id) DO UPDATE SET flow_id = excluded.flow_id, step_id = excluded.step_id,
         history = excluded.history, vars = excluded.vars, options = excluded.options, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare('DELETE FROM conversation WHERE person_id = ?');
  }

  get(personId: number): ConversationState | undefined {
    const row = this.select.get(personId);
    if (!row) return undefined;
    return {
      flowId: row.flow_id,
      stepId: row.step_id,
      history: JSON.parse(row.history) as string[],
      vars: JSON.parse(row.vars) as Record<string, string>,
      ...(row.options ? { options: JSON.parse(row.options) as ConversationState['options'] } : {}),
      updatedAt: row.updated_at,
    };
  }

  save(personId: number, state: Omit<ConversationState, 'updatedAt'>, at: Date = new Date()): void {
    this.upsert.run({
      personId,
      flowId: state.flowId,
      stepId: state.stepId,
      history: JSON.stringify(state.history),
      vars: JSON.stringify(state.vars),
      options: state.options ? JSON.stringify(state.options) : null,
      updatedAt: at.toISOString(),
    });
  }

  clear(personId: number): void {
    this.remove.run(personId);
  }
}
