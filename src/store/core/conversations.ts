// Where each person stands in a flow, one row a person, on Kysely.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { ConversationRepository, ConversationState } from '../repositories.js';
import { reusableQuery } from '../reusableQuery.js';

/** Where each person stands in a flow, one row a person. */
export class KyselyConversationRepository implements ConversationRepository {
  // Read and written on every turn: compiled once (reusableQuery.ts).
  private readonly select;
  private readonly upsert;

  constructor(private readonly db: Kysely<DB>) {
    this.select = reusableQuery(db, (personId: number) =>
      db
        .selectFrom('conversation')
        .select(['flow_id', 'step_id', 'history', 'vars', 'options', 'updated_at'])
        .where('person_id', '=', personId),
    );
    this.upsert = reusableQuery(
      db,
      (personId: number, flowId: string, stepId: string, history: string, vars: string, options: string | null, at: string) =>
        db
          .insertInto('conversation')
          .values({ person_id: personId, flow_id: flowId, step_id: stepId, history, vars, options, updated_at: at })
          .onConflict((oc) =>
            oc.column('person_id').doUpdateSet((eb) => ({
              flow_id: eb.ref('excluded.flow_id'),
              step_id: eb.ref('excluded.step_id'),
              history: eb.ref('excluded.history'),
              vars: eb.ref('excluded.vars'),
              options: eb.ref('excluded.options'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          ),
    );
  }

  async get(personId: number): Promise<ConversationState | undefined> {
    const [row] = await this.select(personId);
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

  async save(personId: number, state: Omit<ConversationState, 'updatedAt'>, at: Date = new Date()): Promise<void> {
    await this.upsert(
      personId,
      state.flowId,
      state.stepId,
      JSON.stringify(state.history),
      JSON.stringify(state.vars),
      state.options ? JSON.stringify(state.options) : null,
      at.toISOString(),
    );
  }

  async clear(personId: number): Promise<void> {
    await this.db.deleteFrom('conversation').where('person_id', '=', personId).execute();
  }
}
