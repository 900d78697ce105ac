// The guides' repositories give the same answers on SQLite and PostgreSQL: an outcome
// counted twice on one key adds up (the upsert names its column unambiguously), totals
// come back in code order as numbers, and help contacts are replaced in one transaction.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, type OpenEngine } from '../support/engines.js';
import { smallTree } from '../support/smallTree.js';
import { GuideOutcomeRepository } from '../../src/store/guides/outcomes.js';
import { HelpContactRepository } from '../../src/store/guides/helpContacts.js';

describe.each(ENGINES)('the guides store on $name', (engine) => {
  let db: OpenEngine;
  beforeEach(async () => {
    db = await engine.open();
    await smallTree(db);
  });
  afterEach(async () => {
    await db.close();
  });

  it('adds a repeated outcome to its count, and totals it per commune and under a unit', async () => {
    const outcomes = new GuideOutcomeRepository(db.sql);
    const at = new Date('2025-07-01T03:00:00Z');
    for (let i = 0; i < 3; i++) await outcomes.recordGuideOutcome({ guide: 'taikhoan', outcome: 'worked', at });
    await outcomes.recordGuideOutcome({ guide: 'taikhoan', outcome: 'stuck', unitCode: 'BT-BATRI-TANXUAN', at });
    await outcomes.recordGuideOutcome({ guide: 'taikhoan', outcome: 'stuck', unitCode: 'BT-BATRI-TANXUAN', at });
    await outcomes.recordGuideOutcome({ guide: 'hotro', outcome: 'gave_up', unitCode: 'BT-BATRI-ANDUC', at });

    expect(await outcomes.guideOutcomeCounts()).toEqual([
      { guide: 'hotro', unitCode: 'BT-BATRI-ANDUC', outcome: 'gave_up', count: 1 },
      { guide: 'taikhoan', outcome: 'worked', count: 3 },
      { guide: 'taikhoan', unitCode: 'BT-BATRI-TANXUAN', outcome: 'stuck', count: 2 },
    ]);
    expect(await outcomes.guideOutcomeCounts({ under: 'BT-BATRI-TANXUAN' })).toEqual([
      { guide: 'taikhoan', unitCode: 'BT-BATRI-TANXUAN', outcome: 'stuck', count: 2 },
    ]);
    expect(await outcomes.guideOutcomeCounts({ from: '2025-07-02' })).toEqual([]);
    // The roll-up (kept by triggers) counts only people who chose a commune.
    expect(await outcomes.guideOutcomeTotalsUnder('BT', { from: '2025-07-01', to: '2025-07-01' })).toEqual({
      worked: 0,
      stuck: 2,
      gave_up: 1,
    });
    expect(await outcomes.guideOutcomeTotalsUnder('BT-BATRI-ANDUC', { from: '2025-06-01', to: '2025-06-30' })).toEqual({
      worked: 0,
      stuck: 0,
      gave_up: 0,
    });
  });

  it('saves help contacts, says which were new, and replaces them on a second save', async () => {
    const contacts = new HelpContactRepository(db.sql);
    const at = new Date('2025-07-01T03:00:00Z');
    expect(
      await contacts.saveHelpContacts(
        [
          { unitCode: 'BT-BATRI-TANXUAN', phone: '0275 3 000 000', address: 'Ấp 1' },
          { unitCode: 'BT-BATRI-ANDUC', deskName: 'Một cửa An Đức' },
        ],
        at,
      ),
    ).toEqual({ added: 2, updated: 0 });
    expect(await contacts.saveHelpContacts([{ unitCode: 'BT-BATRI-TANXUAN', teamContact: 'Tổ CĐS' }], at)).toEqual({
      added: 0,
      updated: 1,
    });
    expect(await contacts.getHelpContact('BT-BATRI-TANXUAN')).toEqual({ unitCode: 'BT-BATRI-TANXUAN', teamContact: 'Tổ CĐS' });
    expect(await contacts.getHelpContact('BT-BATRI-ANDUC')).toEqual({ unitCode: 'BT-BATRI-ANDUC', deskName: 'Một cửa An Đức' });
    expect(await contacts.getHelpContact('BT')).toBeUndefined();
  });

  it('saves nothing when one contact cannot be saved', async () => {
    const contacts = new HelpContactRepository(db.sql);
    const at = new Date('2025-07-01T03:00:00Z');
    // A commune the tree does not have: refused by the foreign key, and the good row with it.
    await expect(
      contacts.saveHelpContacts(
        [
          { unitCode: 'BT-BATRI-TANXUAN', phone: '0275 3 000 000' },
          { unitCode: 'BT-KHONGCO', phone: '0275 3 000 001' },
        ],
        at,
      ),
    ).rejects.toThrow();
    expect(await contacts.getHelpContact('BT-BATRI-TANXUAN')).toBeUndefined();
  });
});
