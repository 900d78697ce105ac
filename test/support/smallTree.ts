// The smallest tree the store's tests need on either engine: a province, one district and
// two of its communes, with the closure rows the subtree queries read.
import type { OpenEngine } from './engines.js';

export const TAN_XUAN = 'BT-BATRI-TANXUAN';
export const AN_DUC = 'BT-BATRI-ANDUC';

/** Writes the four units and their closure straight into the tables. */
export async function smallTree(db: OpenEngine): Promise<void> {
  const unit = (code: string, parent: string | null, kind: string) => ({
    code,
    name: code,
    name_folded: code.toLowerCase(),
    kind,
    parent_code: parent,
  });
  // Parents first: a unit's parent must exist when it is written.
  await db.sql
    .insertInto('unit')
    .values([unit('BT', null, 'province'), unit('BT-BATRI', 'BT', 'district')])
    .execute();
  await db.sql
    .insertInto('unit')
    .values([unit(TAN_XUAN, 'BT-BATRI', 'commune'), unit(AN_DUC, 'BT-BATRI', 'commune')])
    .execute();
  const closure = (ancestor: string, descendant: string, depth: number) => ({
    ancestor_code: ancestor,
    descendant_code: descendant,
    depth,
  });
  await db.sql
    .insertInto('unit_closure')
    .values([
      closure('BT', 'BT', 0),
      closure('BT-BATRI', 'BT-BATRI', 0),
      closure('BT', 'BT-BATRI', 1),
      ...[TAN_XUAN, AN_DUC].flatMap((c) => [closure(c, c, 0), closure('BT-BATRI', c, 1), closure('BT', c, 2)]),
    ])
    .execute();
}
