// Outcomes are counted per guide, commune and day in the province's time zone, with no
// way back to the person; a repeated tap is counted once.
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { provinceDay } from '../../src/guides/outcomes.js';
import { createTestBot, type TestBot } from '../support/harness.js';
import { loadUnits } from './support/units.js';
import { guideOutcomesCommand } from '../../src/cli/commands/guideOutcomes.js';
import { loadConfig } from '../../src/config.js';
import { openTestStore } from '../support/testStore.js';

let bot: TestBot | undefined;
afterEach(() => bot?.close());

describe('outcome counts', () => {
  it('keeps only counts: the table has no column that could name a person', () => {
    const db = openDatabase(':memory:');
    const columns = (db.prepare('PRAGMA table_info(guide_outcome)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(['day', 'guide', 'unit_code', 'outcome', 'count']);
    db.close();
  });

  it('counts per day in Asia/Ho_Chi_Minh, per guide, commune and outcome', async () => {
    const store = await openTestStore();
    const outcomes = store.guideOutcomes;
    await loadUnits(store, 'ben-tre-2023-units.csv');
    // 17:30 UTC on 1 July is already 2 July in the province.
    const lateEvening = new Date('2025-07-01T17:30:00Z');
    expect(provinceDay(lateEvening)).toBe('2025-07-02');
    await outcomes.recordGuideOutcome({ guide: 'taikhoan', outcome: 'worked', at: lateEvening });
    await outcomes.recordGuideOutcome({ guide: 'taikhoan', outcome: 'worked', at: lateEvening });
    await outcomes.recordGuideOutcome({ guide: 'taikhoan', outcome: 'stuck', unitCode: 'BT-BATRI-TANXUAN', at: lateEvening });
    await outcomes.recordGuideOutcome({
      guide: 'hotro',
      outcome: 'worked',
      unitCode: 'BT-TPBENTRE-PHUHUNG',
      at: new Date('2025-07-01T10:00:00Z'),
    });

    expect(await outcomes.guideOutcomeCounts()).toEqual([
      { guide: 'hotro', unitCode: 'BT-TPBENTRE-PHUHUNG', outcome: 'worked', count: 1 },
      { guide: 'taikhoan', outcome: 'worked', count: 2 },
      { guide: 'taikhoan', unitCode: 'BT-BATRI-TANXUAN', outcome: 'stuck', count: 1 },
    ]);
    expect((await outcomes.guideOutcomeCounts({ from: '2025-07-02' })).map((r) => r.guide)).toEqual(['taikhoan', 'taikhoan']);
    expect((await outcomes.guideOutcomeCounts({ to: '2025-07-01' })).map((r) => r.guide)).toEqual(['hotro']);
    // Under a district: only its communes.
    expect(await outcomes.guideOutcomeCounts({ under: 'BT-BATRI' })).toEqual([
      { guide: 'taikhoan', unitCode: 'BT-BATRI-TANXUAN', outcome: 'stuck', count: 1 },
    ]);
    await store.close();
  });

  it('counts a repeated tap of the same answer once, and a changed answer again', async () => {
    bot = await createTestBot();
    await bot.command('nophoso');
    await bot.tap('Tôi đã đăng nhập được');
    for (let i = 0; i < 7; i++) await bot.tap('Xong, tiếp theo ▶');
    await bot.tap('Tôi bị vướng');
    await bot.tap('◀ Quay lại');
    await bot.tap('Tôi bị vướng');
    await bot.tap('◀ Quay lại');
    await bot.tap('✅ Đã nộp được hồ sơ');
    expect((await bot.store.guideOutcomes.guideOutcomeCounts()).map(({ outcome, count }) => [outcome, count])).toEqual([
      ['stuck', 1],
      ['worked', 1],
    ]);
  });

  it('lets officials read the totals per guide and commune (guides:outcomes)', async () => {
    const store = await openTestStore();
    await loadUnits(store, 'ben-tre-2023-units.csv');
    const at = new Date('2025-07-01T03:00:00Z');
    for (let i = 0; i < 1200; i++) await store.guideOutcomes.recordGuideOutcome({ guide: 'taikhoan', outcome: 'worked', at });
    await store.guideOutcomes.recordGuideOutcome({ guide: 'hotro', outcome: 'stuck', unitCode: 'BT-TPBENTRE-PHUHUNG', at });
    const out: string[] = [];
    const ctx = {
      config: loadConfig({ DATABASE_PATH: ':memory:' }),
      store,
      io: { out: (l: string) => out.push(l), err: () => {} },
      now: at,
    };
    expect(await guideOutcomesCommand.run(['--from', '01/07/2025'], ctx)).toBe(0);
    expect(out).toEqual([
      'Kết quả theo hướng dẫn (số lượt người dùng tự cho biết):',
      '  • Nơi hỗ trợ trực tiếp: 0 làm được, 1 còn vướng, 0 để khi khác',
      '  • Tài khoản và đăng nhập (VNeID): 1.200 làm được, 0 còn vướng, 0 để khi khác',
      'Theo xã, phường (khi người dùng có chọn xã, phường):',
      '  • Xã Phú Hưng: 0 làm được, 1 còn vướng, 0 để khi khác',
    ]);
    out.length = 0;
    expect(await guideOutcomesCommand.run(['--to', '2025-06-30'], ctx)).toBe(0);
    expect(out).toEqual(['Chưa có lượt nào cho biết kết quả hướng dẫn trong khoảng này.']);
    await store.close();
  });
});
