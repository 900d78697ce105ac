import { it } from 'vitest';
import { createTestBot } from '../support/harness.js';
it('probe', async () => {
  const bot = await createTestBot();
  const r = await bot.command('taikhoan');
  console.log(JSON.stringify(r, null, 1).slice(0, 3000));
  const t = await bot.command('tiendo');
  console.log(JSON.stringify(t, null, 1).slice(0, 1000));
});
