// In-person help (/hotro): the commune is found by name with or without diacritics, and
// its contacts come from data; nothing is invented when the province has not filled them in.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../support/harness.js';
import { walk } from './support/transcript.js';
import { loadUnits } from './support/units.js';

let bot: TestBot;
afterEach(() => bot?.close());

async function benTreBot(env: Record<string, string> = {}, locale: 'vi' | 'en' = 'vi', consents = true): Promise<TestBot> {
  const b = await createTestBot({ env, locale });
  await loadUnits(b.store, 'ben-tre-2023-units.csv');
  // The commune is counted with the outcome only for people who agreed to it.
  if (consents) await b.store.consent.decide(await b.personId(), 'outcome_stats', true, new Date());
  return b;
}

/** The 2023 list and the 2025 one, whose communes name their predecessors. */
async function bothTrees(env: Record<string, string> = {}): Promise<TestBot> {
  const b = await createTestBot({ env });
  await loadUnits(b.store, 'ben-tre-2023-units.csv');
  await loadUnits(b.store, 'vinh-long-2025-units.csv');
  return b;
}

describe('finding a commune', () => {
  it('finds a commune typed without diacritics and, with nothing on file, says where its desk is and shows no number', async () => {
    bot = await benTreBot();
    await walk(bot, [
      { command: 'hotro', expect: 'gõ tên xã, phường của ông/bà' },
      { say: 'phu hung', expect: '🏢 Bộ phận Một cửa UBND xã Phú Hưng' },
    ]);
    expect(bot.lastReplies.map((r) => r.text)).toEqual([
      '🏢 Bộ phận Một cửa UBND xã Phú Hưng\nNơi làm việc: trụ sở UBND xã Phú Hưng.\nGiờ làm việc: giờ hành chính, theo lịch của UBND xã, phường',
      '👥 Tổ công nghệ số cộng đồng: ông/bà hỏi tại Bộ phận Một cửa để được giới thiệu.',
      '👮 Việc về VNeID, thẻ căn cước, thông tin cư trú: Công an xã Phú Hưng.',
      'Ông/bà cần gì thêm không ạ?',
    ]);
  });

  it('asks which one when two communes share a name, naming their districts', async () => {
    bot = await benTreBot();
    await bot.command('hotro');
    await bot.send('An Hiệp');
    expect(bot.lastText()).toContain('Ông/bà ở xã, phường nào dưới đây ạ?');
    expect(bot.choiceLabels()).toEqual(expect.arrayContaining(['Xã An Hiệp (Huyện Ba Tri)', 'Xã An Hiệp (Huyện Châu Thành)']));
    // Typed as on a channel without buttons (a tapped option is routed the same way).
    await bot.send('Xã An Hiệp (Huyện Ba Tri)');
    expect(bot.lastText()).toContain('Bộ phận Một cửa UBND xã An Hiệp');
    await bot.tap('Cảm ơn, tôi đã rõ');
    expect(bot.lastText()).toContain('Chúc ông/bà làm thủ tục thuận lợi');
    // Counted for that commune; nothing about the person.
    expect(await bot.store.guideOutcomes.guideOutcomeCounts()).toEqual([
      { guide: 'hotro', unitCode: 'BT-BATRI-ANHIEP', outcome: 'worked', count: 1 },
    ]);
  });

  it('counts the outcome without the commune for a person who did not agree to it', async () => {
    bot = await benTreBot({}, 'vi', false);
    await bot.command('hotro');
    await bot.send('an thanh');
    await bot.send('2');
    await bot.tap('Cảm ơn, tôi đã rõ');
    expect(await bot.store.guideOutcomes.guideOutcomeCounts()).toEqual([{ guide: 'hotro', outcome: 'worked', count: 1 }]);
  });

  it('accepts the number of the commune in the list', async () => {
    bot = await benTreBot();
    await bot.command('hotro');
    await bot.send('an thanh');
    const labels = bot.choiceLabels();
    expect(labels.slice(0, 2)).toEqual(['Xã An Thạnh (Huyện Mỏ Cày Nam)', 'Xã An Thạnh (Huyện Thạnh Phú)']);
    await bot.send('2');
    expect(bot.lastText()).toContain('Bộ phận Một cửa UBND xã An Thạnh');
    await bot.tap('Cảm ơn, tôi đã rõ');
    expect(await bot.store.guideOutcomes.guideOutcomeCounts()).toEqual([
      { guide: 'hotro', unitCode: 'BT-THANHPHU-ANTHANH', outcome: 'worked', count: 1 },
    ]);
  });

  it('shows at most eight communes and asks for a fuller name when more match', async () => {
    bot = await benTreBot();
    await bot.command('hotro');
    await bot.send('an');
    expect(bot.lastReplies[0]!.text).toContain('Trợ lý hiện 8 nơi đầu tiên');
    expect(bot.choiceLabels().filter((l) => /^(Xã|Phường|Thị trấn) /.test(l))).toHaveLength(8);
  });

  it('says so when no commune has the name, and lets the person try again or see the provincial centre', async () => {
    bot = await benTreBot();
    await bot.command('hotro');
    await walk(bot, [
      { say: 'Xã Không Có', expect: 'chưa tìm thấy xã, phường nào có tên này' },
      // The shipped province file leaves the new centre's name and address unverified:
      // nothing is guessed, and the person is told where to ask.
      {
        tap: '🏛️ Trung tâm Phục vụ hành chính công tỉnh',
        expect:
          '🏛️ Trung tâm Phục vụ hành chính công của tỉnh Vĩnh Long\nĐịa chỉ: ông/bà hỏi Bộ phận Một cửa UBND xã, phường để được chỉ đường.',
      },
      { tap: 'Tìm theo xã, phường', expect: 'gõ tên xã, phường' },
      { say: 'Tân Xuân', expect: 'UBND xã Tân Xuân' },
    ]);
  });

  it('answers an old commune with the one that carries it now, from the unit list', async () => {
    bot = await bothTrees();
    await bot.command('hotro');
    // The example names a commune of today, and says old names work too.
    expect(bot.lastText()).toMatch(/Ví dụ: (?!Phú Hưng)[^.]+\. Tên xã cũ trước khi sáp nhập, như [^,]+, cũng được\./);
    await bot.send('phu hung');
    expect(bot.lastReplies.map((r) => r.text)).toEqual(
      expect.arrayContaining([
        'Xã Phú Hưng (cũ) nay thuộc phường Phú Khương.',
        expect.stringContaining('🏢 Bộ phận Một cửa UBND phường Phú Khương'),
      ]),
    );
    expect(bot.lastText()).not.toContain('UBND xã Phú Hưng');
  });

  it('lists the communes of today an old name may mean', async () => {
    bot = await bothTrees();
    await bot.command('hotro');
    // Two 2023 communes were called An Hiệp: Ba Tri's kept its name in the new Xã An Hiệp,
    // Châu Thành's went into Xã Phú Túc.
    await bot.send('an hiep');
    expect(bot.choiceLabels().filter((l) => l.startsWith('Xã'))).toEqual([
      'Xã An Hiệp',
      'Xã Phú Túc (gồm xã An Hiệp cũ, huyện Châu Thành)',
    ]);
    await bot.tap('Xã Phú Túc (gồm xã An Hiệp cũ, huyện Châu Thành)');
    expect(bot.lastText()).toContain('Bộ phận Một cửa UBND xã Phú Túc');
  });

  it.each([
    ['an hiep chau thanh', 'xã Phú Túc'],
    ['tan thach chau thanh', 'xã Phú Túc'],
    ['phu hung thanh pho ben tre', 'phường Phú Khương'],
  ])('reads "%s" as a commune followed by its old district', async (query, now) => {
    bot = await bothTrees();
    await bot.command('hotro');
    await bot.send(query);
    expect(bot.lastText()).toContain(`nay thuộc ${now}.`);
  });

  it('asks for a person for the commune just found, without asking for it again', async () => {
    bot = await bothTrees();
    await bot.command('hotro');
    await bot.send('phu hung');
    await bot.tap(/Tôi cần người hỗ trợ/);
    expect(bot.lastText()).not.toContain('Xin gõ tên xã, phường');
    expect(bot.lastText()).toContain('phường Phú Khương chưa có cán bộ nhận hỗ trợ qua Trợ lý');
  });

  it('asks for a person by an old commune name too', async () => {
    bot = await bothTrees();
    await bot.command('canbo');
    await bot.send('phu hung');
    expect(bot.lastText()).toContain('Xã Phú Hưng (cũ) nay thuộc phường Phú Khương.');
    // No officer takes requests there yet: said now, before the person writes their problem.
    expect(bot.lastText()).toContain('phường Phú Khương chưa có cán bộ nhận hỗ trợ qua Trợ lý');
    expect(bot.lastText()).not.toMatch(/gọi số/);
  });

  it('offers only communes under the configured unit, and only units still in force', async () => {
    bot = await bothTrees({ HELP_UNITS_UNDER: 'VL' });
    await bot.command('hotro');
    await bot.send('an hoi');
    expect(bot.lastText()).toContain('Bộ phận Một cửa UBND phường An Hội');
  });
});

describe('the contact card', () => {
  it('shows what the province filled in: desk, address, phone, hours and team contact', async () => {
    bot = await benTreBot();
    await bot.store.helpContacts.saveHelpContacts(
      [
        {
          unitCode: 'BT-TPBENTRE-PHUHUNG',
          deskName: 'Bộ phận Tiếp nhận và Trả kết quả xã Phú Hưng',
          address: 'Ấp 1, xã Phú Hưng',
          phone: '0275 3 000 000',
          officeHours: 'Thứ Hai đến thứ Sáu, 7:00–17:00',
          teamContact: 'Tổ trưởng Tổ CĐS ấp 1: 0900 000 000',
        },
      ],
      new Date(),
    );
    await bot.command('hotro');
    await bot.send('Phú Hưng');
    expect(bot.lastReplies[0]!.text).toBe(
      '🏢 Bộ phận Tiếp nhận và Trả kết quả xã Phú Hưng\nĐịa chỉ: Ấp 1, xã Phú Hưng\nĐiện thoại: 0275 3 000 000\nGiờ làm việc: Thứ Hai đến thứ Sáu, 7:00–17:00',
    );
    expect(bot.lastReplies[1]!.text).toBe('👥 Tổ công nghệ số cộng đồng: Tổ trưởng Tổ CĐS ấp 1: 0900 000 000');
  });

  it('uses the configured default office hours', async () => {
    bot = await benTreBot({ DEFAULT_OFFICE_HOURS: 'Sáng thứ Hai đến sáng thứ Bảy' });
    await bot.command('hotro');
    await bot.send('phu hung');
    expect(bot.lastReplies[0]!.text).toContain('Giờ làm việc: Sáng thứ Hai đến sáng thứ Bảy');
  });

  it('reads in English', async () => {
    bot = await benTreBot({}, 'en');
    await walk(bot, [
      { command: 'hotro', expect: 'Type the name of your commune or ward' },
      { say: 'phu hung', expect: "🏢 One-stop desk, People's Committee of xã Phú Hưng" },
      { tap: "I still haven't found anyone to help", expect: 'go straight to the one-stop desk' },
    ]);
    expect(bot.lastReplies.map((r) => r.text).join('\n')).not.toMatch(/Trợ lý|Bạn /);
    expect(await bot.store.guideOutcomes.guideOutcomeCounts()).toEqual([
      { guide: 'hotro', unitCode: 'BT-TPBENTRE-PHUHUNG', outcome: 'stuck', count: 1 },
    ]);
  });
});
