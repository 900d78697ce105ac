import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderForTerminal } from '../../src/channels/terminal/render.js';
import { terminalEvent } from '../../src/channels/terminal/events.js';
import { testDatabase } from '../support/testStore.js';

describe('terminal chat', () => {
  it('numbers choices and turns a typed number into that choice', () => {
    const { lines, choices } = renderForTerminal([
      {
        text: 'Chọn một mục',
        choices: [
          { id: 'a', label: 'Một' },
          { id: 'b', label: 'Hai' },
        ],
        links: [{ label: 'Cổng', url: 'https://dichvucong.gov.vn' }],
      },
    ]);
    expect(lines).toContain('  2. Hai');
    expect(lines.join('\n')).toContain('https://dichvucong.gov.vn');
    expect(terminalEvent('2', choices)).toEqual({ kind: 'choice', id: 'b' });
    expect(terminalEvent('9', choices)).toEqual({ kind: 'text', text: '9' });
    expect(terminalEvent('/tiendo Ba Tri', choices)).toEqual({ kind: 'command', name: 'tiendo', args: 'Ba Tri' });
    expect(terminalEvent('/start dangky-AB12', choices)).toEqual({ kind: 'start', payload: 'dangky-AB12' });
  });

  it('runs as `npm run chat` does: greets, answers /help, and keeps the conversation in the database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chat-'));
    const database = await testDatabase(join(dir, 'chat.sqlite'));
    try {
      const run = (input: string) =>
        spawnSync(process.execPath, ['--import', 'tsx', 'src/channels/terminal/chat.ts'], {
          input,
          encoding: 'utf8',
          env: { ...process.env, ...database.env, DEMO_DATA: 'false', CHAT_USER: 'tester' },
          timeout: 30_000,
        });
      const first = run('/help\n1\n/quit\n');
      expect(first.status).toBe(0);
      expect(first.stdout).toContain('Trò chuyện thử với Trợ lý DVC');
      expect(first.stdout).toContain('/huy: dừng hướng dẫn đang làm');
      expect(first.stdout).toContain('Tạm biệt!');
      expect(first.stderr).not.toMatch(/Error/);
    } finally {
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
