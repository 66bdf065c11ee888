import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import { formatLength, formatWeight } from './units';

describe('units', () => {
  it('shows weights and lengths in the chosen system', async () => {
    const t = i18n.t.bind(i18n);
    expect(formatWeight(t, 'en', 100, 'metric')).toBe('100 kg');
    expect(formatWeight(t, 'en', 100, 'imperial')).toBe('220.5 lb');
    expect(formatLength(t, 'en', 0.4, 'metric')).toBe('40 cm');
    expect(formatLength(t, 'en', 0.4, 'imperial')).toBe('15.7 in');
    await i18n.changeLanguage('ru');
    expect(formatWeight(t, 'ru', 62.5, 'metric')).toBe('62,5 кг');
  });
});
