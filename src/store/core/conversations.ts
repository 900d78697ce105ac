// Where each person stands in a flow, one row a person, on Kysely.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { ConversationRepository, ConversationState } from '../repositories.js';

/** Where each person stands in a flow, one row a person. */
export class KyselyConversationRepository implements ConversationRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async get(personId: number): Promise<ConversationState | undefined> {
    const row = await this.db
      .selectFrom('conversation')
      .select(['flow_id', 'step_id', 'history', 'vars', 'options', 'updated_at'])
      .where('person_id', '=', personId)
      .executeTakeFirst();
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
    await this.db
      .insertInto('conversation')
      .values({
        person_id: personId,
        flow_id: state.flowId,
        step_id: state.stepId,
        history: JSON.stringify(state.history),
        vars: JSON.stringify(state.vars),
        options: state.options ? JSON.stringify(state.options) : null,
        updated_at: at.toISOString(),
      })
      .onConflict((oc) =>
        oc.column('person_id').doUpdateSet((eb) => ({
          flow_id: eb.ref('excluded.flow_id'),
          step_id: eb.ref('excluded.step_id'),
          history: eb.ref('excluded.history'),
          vars: eb.ref('excluded.vars'),
          options: eb.ref('excluded.options'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }

  async clear(personId: number): Promise<void> {
    await this.db.deleteFrom('conversation').where('person_id', '=', personId).execute();
  }
}
