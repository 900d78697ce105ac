import { describe, expect, it } from 'vitest';
import { Texts, type Resources } from '../../src/i18n/index.js';

// The translator reuses a text that takes no variables; everything else is asked of i18next each time.
const resources = {
  vi: {
    common: {
      plain: 'Menu chính',
      greet: 'Chào {{name}}',
      nested: '$t(common:plain) nhé',
      items_other: '{{count}} mục',
      items: 'Không đếm',
      only: 'Chỉ có tiếng Việt',
    },
  },
  en: { common: { plain: 'Main menu', greet: 'Hello {{name}}', items_one: 'one item', items_other: '{{count}} items' } },
} as unknown as Resources;

describe('translator', () => {
  const texts = Texts.load('vi', resources);

  it('gives the same plain text every time, whatever variables come with it', () => {
    const tr = texts.for('vi');
    expect(tr.t('common:plain')).toBe('Menu chính');
    expect(tr.t('common:plain', { name: 'An' })).toBe('Menu chính');
    expect(texts.for('en').t('common:plain')).toBe('Main menu');
  });

  it('fills variables on every call, never the first call’s values', () => {
    const tr = texts.for('en');
    expect(tr.t('common:greet', { name: 'An' })).toBe('Hello An');
    expect(tr.t('common:greet', { name: 'Bình' })).toBe('Hello Bình');
  });

  it('still chooses a plural by count after the key was read without one', () => {
    const tr = texts.for('en');
    expect(tr.t('common:items_other', { count: 5 })).toBe('5 items');
    expect(tr.t('common:items', { count: 1 })).toBe('one item');
    expect(tr.t('common:items', { count: 3 })).toBe('3 items');
  });

  it('resolves nesting and falls back to Vietnamese as i18next does', () => {
    expect(texts.for('vi').t('common:nested')).toBe('Menu chính nhé');
    expect(texts.for('en').t('common:only')).toBe('Chỉ có tiếng Việt');
    expect(texts.for('en').t('common:only')).toBe('Chỉ có tiếng Việt');
  });
});
