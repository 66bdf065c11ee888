import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import { checkPlates, plateFieldOf, toDraft } from './plateRules';
import '../../i18n/admin';

const t = i18n.t.bind(i18n);
const draft = (over = {}) => ({ kg: ['20', '10', '25'], lb: ['45'], bar_kg: '20', bar_lb: '45', ...over });

describe('plate rules', () => {
  it('turns the typed plates into a set, heaviest first, blanks left out', () => {
    expect(checkPlates(t, 'en', draft({ kg: ['20', '', '1.25', '25'] }))).toEqual({ plates: { kg: [25, 20, 1.25], lb: [45], bar_kg: 20, bar_lb: 45 } });
    expect(checkPlates(t, 'ru', draft({ kg: ['2,5', '0,5'], bar_kg: '15' }))).toEqual({ plates: { kg: [2.5, 0.5], lb: [45], bar_kg: 15, bar_lb: 45 } });
  });

  it('says what is wrong with which plate', () => {
    const problems = (d: object) => {
      const r = checkPlates(t, 'en', draft(d));
      return 'problems' in r ? r.problems : null;
    };
    expect(problems({ kg: ['20', 'x', '0'] })).toEqual({ messages: { kg: '“x” is not a number. Type a weight such as 2.5.' }, bad: { kg: [1, 2], lb: [] } });
    expect(problems({ lb: ['45', '45.0'] })!.messages.lb).toBe('45 lb is listed twice.');
    expect(problems({ lb: ['101'] })!.messages.lb).toBe('A plate weighs more than 0 and at most 100 lb.');
    expect(problems({ kg: ['100'] })).toBeNull();
    expect(problems({ kg: ['', ' '] })!.messages.kg).toBe('List at least one plate.');
    expect(problems({ kg: Array.from({ length: 17 }, (_, i) => String(i + 1)) })!.messages.kg).toBe('List at most 16 plates.');
    expect(problems({ kg: Array.from({ length: 16 }, (_, i) => String(i + 1)) })).toBeNull();
    expect(problems({ bar_kg: '100.5', bar_lb: 'heavy' })!.messages).toEqual({
      bar_kg: 'A bar weighs from 0 (no bar) to 100 kg.',
      bar_lb: 'A bar weighs from 0 (no bar) to 100 lb.',
    });
    // No bar at all (dumbbells only) is a bar of 0.
    expect(problems({ bar_kg: '0' })).toBeNull();
  });

  it('writes and reads decimal commas in Russian', async () => {
    expect(toDraft({ kg: [1.25], lb: [2.5], bar_kg: 20, bar_lb: 45 }, 'ru')).toEqual({ kg: ['1,25'], lb: ['2,5'], bar_kg: '20', bar_lb: '45' });
    await i18n.changeLanguage('ru');
    const r = checkPlates(i18n.t.bind(i18n), 'ru', draft({ kg: ['1,25', '1.25'] }));
    expect('problems' in r && r.problems.messages.kg).toBe('1,25 кг указан дважды.');
  });

  it('finds the field a server error names', () => {
    expect(['plates.kg', 'plates.kg[3]', 'plates.lb.0', 'bar_kg', 'plates.bar_lb', 'plates', 'name'].map(plateFieldOf)).toEqual(['kg', 'kg', 'lb', 'bar_kg', 'bar_lb', null, null]);
  });
});
