import { afterEach, describe, expect, it } from 'vitest';
import { campaignBot } from './campaignBot.js';

let bot: Awaited<ReturnType<typeof campaignBot>>;
afterEach(() => bot?.close());

const FRACTION = /\d{1,3}(\.\d{3})*\/\d{1,3}(\.\d{3})* = \d+,\d%/;

describe('/tiendo', () => {
  it('shows a commune its three rates against the targets, its rank, the data date and a chart', async () => {
    bot = await campaignBot();
    const reporter = await bot.official('xa-tan-xuan', 'BT-BATRI-TANXUAN', 'reporter');
    const replies = await reporter.command('tiendo');
    const text = reporter.lastText();
    expect(text).toContain('Xã Tân Xuân (Huyện Ba Tri)');
    expect(text).toContain('số liệu đến 08/12/2023');
    for (const rate of ['Hồ sơ trực tuyến', 'Thanh toán trực tuyến', 'Số hóa hồ sơ'])
      expect(text).toMatch(new RegExp(`${rate}: ${FRACTION.source}`));
    expect(text).toContain('chỉ tiêu ≥ 50%');
    expect(text).toContain('chỉ tiêu 100%');
    expect(text).toMatch(/so với tuần trước [+−]?\d+,\d điểm %/);
    expect(text).toMatch(/hạng \d+\/23/);
    // A commune has no children table.
    expect(text).not.toContain('đơn vị trực thuộc');
    const png = replies.find((r) => r.image)?.image?.png;
    expect(png && Buffer.from(png.subarray(1, 4)).toString()).toBe('PNG');
  });

  it('shows a district its communes worst first, with the same totals rolled up', async () => {
    bot = await campaignBot();
    const head = await bot.official('huyen-ba-tri', 'BT-BATRI', 'head');
    await head.command('tiendo');
    const text = head.lastText();
    expect(text).toContain('Huyện Ba Tri (Tỉnh Bến Tre)');
    expect(text).toContain('Các đơn vị trực thuộc (23)');
    const lines = text.split('\n').filter((l) => /^\d+\. /.test(l));
    expect(lines).toHaveLength(23);
    const online = lines.map((l) => Number(/: (\d+,\d)%/.exec(l)![1]!.replace(',', '.')));
    expect(online).toEqual([...online].sort((a, b) => a - b));
    expect(text).toContain('Hồ sơ do chính đơn vị tiếp nhận');
  });

  it('shows the province to the compiler, with departments and districts', async () => {
    bot = await campaignBot();
    const compiler = await bot.official('so-tttt', 'BT-SO-TTTT', 'compiler');
    await compiler.command('tiendo');
    const text = compiler.lastText();
    expect(text).toContain('Tiến độ chiến dịch: Tỉnh Bến Tre');
    expect(text).toContain('Các đơn vị trực thuộc (25)');
    expect(text).toContain('Sở Y tế');
    expect(text).toContain('Thành phố Bến Tre');
  });

  it('finds a unit below one’s own by name without diacritics, and offers a choice when ambiguous', async () => {
    bot = await campaignBot();
    const head = await bot.official('huyen-ba-tri', 'BT-BATRI', 'head');
    await head.command('tiendo', 'an hiep');
    expect(head.lastText()).toContain('Tiến độ chiến dịch: Xã An Hiệp (Huyện Ba Tri)');

    await head.command('tiendo', 'ba tri');
    expect(head.lastText()).toContain('Có nhiều đơn vị khớp với “ba tri”');
    expect(head.choiceLabels()).toEqual(['Huyện Ba Tri (Tỉnh Bến Tre)', 'Thị trấn Ba Tri (Huyện Ba Tri)']);
    await head.tap('Thị trấn Ba Tri (Huyện Ba Tri)');
    expect(head.lastText()).toContain('Tiến độ chiến dịch: Thị trấn Ba Tri (Huyện Ba Tri)');
  });

  it('says "chưa có số liệu" for a unit with no figures, never 0% or NaN', async () => {
    bot = await campaignBot();
    await bot.store.sql.deleteFrom('unit_statistic').where('unit_code', '=', 'BT-BATRI-ANDUC').execute();
    const reporter = await bot.official('xa-an-duc', 'BT-BATRI-ANDUC', 'reporter');
    await reporter.command('tiendo');
    expect(reporter.lastText()).toContain('Chưa có số liệu');
    expect(reporter.lastText()).not.toMatch(/NaN|0,0%/);
  });

  it('politely turns a citizen away, showing no figure and how officials register', async () => {
    bot = await campaignBot();
    const replies = await bot.command('tiendo', 'ba tri');
    expect(bot.lastText()).toContain('dành cho cán bộ');
    expect(bot.lastText()).toContain('/dangky');
    expect(bot.lastText()).not.toMatch(/\d%|Ba Tri/);
    expect(replies.some((r) => r.image)).toBe(false);
  });

  it('registers an official from an invite, then answers /tiendo for their unit', async () => {
    bot = await campaignBot();
    const invite = await bot.store.invites.createInvite('BT-BATRI-TANXUAN', 'reporter', new Date('2023-12-07T09:00:00+07:00'));
    const person = bot.as('new-official');
    await person.command('dangky', invite.code);
    expect(person.lastText()).toContain('cán bộ báo cáo, Xã Tân Xuân');
    await person.tap('Xem tiến độ');
    expect(person.lastText()).toContain('Tiến độ chiến dịch: Xã Tân Xuân');
    const other = bot.as('someone-else');
    await other.command('dangky', invite.code);
    // Refused like any wrong code: the reply does not confirm the code exists.
    expect(other.lastText()).toContain('không dùng được');
    await other.command('tiendo');
    expect(other.lastText()).toContain('dành cho cán bộ');
  });

  it('answers in English for an English-speaking official', async () => {
    bot = await campaignBot();
    const head = await bot.official('en-head', 'BT-BATRI', 'head');
    await head.command('lang', 'en');
    await head.command('tiendo');
    expect(head.lastText()).toContain('Campaign progress: Huyện Ba Tri');
    expect(head.lastText()).toMatch(/Online dossiers: \d{1,3}(,\d{3})*\/\d{1,3}(,\d{3})* = \d+\.\d%/);
  });

  it('answers a province-wide /tiendo in well under a second', async () => {
    bot = await campaignBot();
    const compiler = await bot.official('so-tttt', 'BT-SO-TTTT', 'compiler');
    const started = performance.now();
    await compiler.command('tiendo');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
