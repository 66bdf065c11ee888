import { render, screen, within } from '@testing-library/react';
import i18n from 'i18next';
import { describe, expect, it, vi } from 'vitest';
import type { TrendChartProps } from '../../components/TrendChart';
import { instance, json, makeMe, mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { BodyDiagram } from './BodyDiagram';
import { exercise } from './fixtures.test-data';
import { exerciseSteps } from './vocab';

vi.mock('../../components/TrendChart', () => ({
  default: ({ label }: TrendChartProps) => <div role="img" aria-label={label} />,
}));

const SQUAT = exercise('squat', 'Squat (Barbell)', 'Приседания со штангой', {
  primary: ['quadriceps', 'glutes'],
  secondary: ['hamstrings', 'lower_back'],
  instructions: ['Set the bar on your upper back.', 'Sit down between your hips.', 'Drive up.'],
  instructions_ru: ['Положите гриф на трапеции.', 'Садитесь, сгибая колени и таз.', 'Вставайте.'],
});
const history = { record: { sets: 0 }, items: [], next_cursor: null };

function open(e: ReturnType<typeof exercise>, language: 'en' | 'ru') {
  mockApi({
    'GET /instance': instance(),
    'GET /me': json(200, makeMe({ preferences: { units: 'metric', language, timezone: 'UTC', week_start: 'monday', weekly_target: 3 } })),
    [`GET /exercises/${e.id}`]: json(200, e),
    [`GET /exercises/${e.id}/history`]: json(200, history),
    [`GET /exercises/${e.id}/progress`]: json(200, { sessions: [], records: [], timeline: [] }),
  });
  return renderApp(`/exercises/${e.id}`);
}


describe('exercise page: steps and muscles', () => {
  it('shows the steps as a numbered list in Russian, and the body with the muscles named in Russian', async () => {
    open(SQUAT, 'ru');
    await screen.findByRole('heading', { name: 'Техника выполнения' });
    const list = document.querySelector('ol.cat-steps')!;
    expect(within(list as HTMLElement).getAllByRole('listitem').map((li) => li.textContent)).toEqual(SQUAT.instructions_ru);
    expect(list).not.toHaveAttribute('lang');
    expect(screen.queryByText(/Set the bar/)).not.toBeInTheDocument();
    expect(screen.queryByText(/Показано на английском/)).not.toBeInTheDocument();

    const body = screen.getByRole('img', { name: /^Схема тела/ });
    expect(body).toHaveAccessibleName('Схема тела. Основные мышцы: Квадрицепс, Ягодицы. Также работают: Бицепс бедра, Поясница.');
    expect(screen.getByRole('heading', { name: 'Какие мышцы работают' })).toBeInTheDocument();
    expect(screen.getByText('Основные:').parentElement).toHaveTextContent('Основные: Квадрицепс, Ягодицы');
  });

  it('falls back to the other language’s steps, and says so', async () => {
    open({ ...SQUAT, instructions_ru: [] }, 'ru');
    await screen.findByText('Показано на английском: шагов на русском пока нет.');
    const list = document.querySelector('ol.cat-steps')!;
    expect(list).toHaveAttribute('lang', 'en');
    expect(list.querySelectorAll('li')).toHaveLength(3);
    expect(list).toHaveTextContent('Set the bar on your upper back.');
  });

  it('shows English steps in English', async () => {
    open(SQUAT, 'en');
    await screen.findByRole('heading', { name: 'How to do it' });
    expect([...document.querySelectorAll('ol.cat-steps li')].map((li) => li.textContent)).toEqual(SQUAT.instructions);
    expect(screen.getByRole('img', { name: /^Body diagram/ })).toHaveAccessibleName(
      'Body diagram. Main muscles: Quads, Glutes. Also working: Hamstrings, Lower back.',
    );
  });
});

describe('exerciseSteps', () => {
  it('picks the UI language, else the other, and leaves an author’s own text unlabelled', () => {
    expect(exerciseSteps(SQUAT, 'ru')).toEqual({ steps: SQUAT.instructions_ru, lang: 'ru' });
    expect(exerciseSteps(SQUAT, 'en')).toEqual({ steps: SQUAT.instructions, lang: 'en' });
    expect(exerciseSteps({ ...SQUAT, instructions: [] }, 'en')).toEqual({ steps: SQUAT.instructions_ru, lang: 'ru' });
    expect(exerciseSteps({ ...SQUAT, instructions: [], instructions_ru: [] }, 'ru')).toEqual({ steps: [], lang: 'ru' });
    expect(exerciseSteps({ ...SQUAT, scope: 'private', instructions: ['Мой шаг'], instructions_ru: [] }, 'en')).toEqual({ steps: ['Мой шаг'] });
  });
});

describe('BodyDiagram', () => {
  const regions = (cls: string) => [...new Set([...document.querySelectorAll(`path.${cls}`)].map((p) => p.getAttribute('data-muscle')))].sort();

  it('highlights main muscles strongly and helpers lightly, on the front and the back', () => {
    render(<BodyDiagram primary={['chest', 'triceps']} secondary={['shoulders', 'triceps']} />);
    expect(regions('bd-primary')).toEqual(['chest', 'triceps']);
    // A muscle listed as both is a main one.
    expect(regions('bd-secondary')).toEqual(['shoulders']);
    // Shoulders show on both figures, each side: four shapes.
    expect(document.querySelectorAll('path.bd-secondary[data-muscle="shoulders"]')).toHaveLength(4);
    expect(screen.getByRole('img')).toHaveAccessibleName('Body diagram. Main muscles: Chest, Triceps. Also working: Shoulders.');
  });

  it('has a region for every muscle of the vocabulary', async () => {
    const { MUSCLES } = await import('./vocab');
    render(<BodyDiagram primary={[...MUSCLES]} secondary={[]} />);
    expect(regions('bd-primary')).toEqual([...MUSCLES].sort());
    expect(document.querySelectorAll('path.bd-muscle:not(.bd-primary)')).toHaveLength(0);
  });

  it('names the muscles in the UI language', async () => {
    await i18n.changeLanguage('ru');
    render(<BodyDiagram primary={['lats']} secondary={[]} />);
    expect(screen.getByRole('img')).toHaveAccessibleName('Схема тела. Основные мышцы: Широчайшие.');
    expect(screen.queryByText('Также работают:')).not.toBeInTheDocument();
  });
});
