import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi, problem, type Call } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

const feedback = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  kind: 'idea',
  message: 'A rest timer sound, please.',
  screen: null,
  status: 'new',
  answer: null,
  answered_at: null,
  created_at: '2026-12-01T10:00:00Z',
  author: { username: 'alice', display_name: 'Alice' },
  ...over,
});

describe('feedback', () => {
  it('is reached from every screen and can take the screen it was opened from along', async () => {
    let mine = [feedback('f1', { status: 'planned', answer: 'Coming in the spring.', answered_at: '2026-12-03T10:00:00Z' })];
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /exercises': json(200, { items: [], next_cursor: null }),
      'GET /me/feedback': () => json(200, { items: mine, next_cursor: null }),
      'POST /feedback': (c: Call) => {
        const sent = feedback('f2', { ...(c.body as object) });
        mine = [sent, ...mine];
        return json(201, sent);
      },
    });
    const { user } = renderApp('/exercises?q=squat');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await user.click(within(nav).getByRole('button', { name: 'More' }));
    const sheet = await screen.findByRole('dialog', { name: 'More' });
    await user.click(within(sheet).getByRole('link', { name: 'Feedback' }));

    expect(await screen.findByRole('heading', { name: 'Feedback', level: 1 })).toBeInTheDocument();
    const list = await screen.findByRole('list', { name: 'My feedback' });
    const answered = within(list).getAllByRole('listitem')[0]!;
    expect(within(answered).getByText('Planned')).toBeInTheDocument();
    expect(within(answered).getByText('Coming in the spring.')).toBeInTheDocument();
    expect(within(answered).getByText(/^The gym’s answer, /)).toBeInTheDocument();

    const form = screen.getByRole('form', { name: 'Send feedback' });
    await user.click(within(form).getByRole('button', { name: 'Send' }));
    expect(await within(form).findByText('Write a few words first.')).toBeInTheDocument();
    await user.click(within(form).getByRole('radio', { name: /^Bug report/ }));
    await user.type(within(form).getByLabelText('What happened, and what did you expect?'), '  The search forgets my filter. ');
    expect(within(form).getByText('29 of 4,000 characters')).toBeInTheDocument();
    // The path only (no query): what was typed into a search stays on the device.
    await user.click(within(form).getByRole('checkbox', { name: /Include the screen I’m on/ }));
    expect(within(form).getByText('/exercises')).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Send' }));

    expect(await screen.findByText(/Your bug report was sent/)).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ kind: 'bug', message: 'The search forgets my filter.', screen: '/exercises' });
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'My feedback' })).getAllByRole('listitem')).toHaveLength(2));
    const sent = within(screen.getByRole('list', { name: 'My feedback' })).getAllByRole('listitem')[0]!;
    expect(within(sent).getByText('Bug report')).toBeInTheDocument();
    expect(within(sent).getByText('New')).toBeInTheDocument();
    expect(within(sent).getByText('Screen: /exercises')).toBeInTheDocument();
    expect(within(sent).getByText('No answer yet.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Send more feedback' }));
    expect(screen.getByRole('form', { name: 'Send feedback' })).toBeInTheDocument();
  });

  it('leaves the screen out unless asked, and shows refusals', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /me/feedback': json(200, { items: [], next_cursor: null }),
      'POST /feedback': [
        problem(422, 'validation_failed', { errors: [{ field: 'message', code: 'invalid', message: 'Too long.' }] }),
        problem(429, 'rate_limited', {}, { 'Retry-After': '120' }),
      ],
    });
    const { user } = renderApp('/feedback');
    expect(await screen.findByText('You have not sent any feedback yet.')).toBeInTheDocument();
    const form = screen.getByRole('form', { name: 'Send feedback' });
    // Opened directly: there is no other screen to include.
    expect(within(form).queryByRole('checkbox')).not.toBeInTheDocument();
    await user.type(within(form).getByLabelText('Your idea'), 'Dark mode for the plate calculator');
    await user.click(within(form).getByRole('button', { name: 'Send' }));
    expect(await within(form).findByText('Use at most 4,000 characters.')).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Send' }));
    expect(await within(form).findByText('Too many attempts. Try again in 2 minutes.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([
      { kind: 'idea', message: 'Dark mode for the plate calculator' },
      { kind: 'idea', message: 'Dark mode for the plate calculator' },
    ]);
  });

  it('says when the list cannot be loaded, in Russian too', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ preferences: { units: 'metric', language: 'ru', timezone: 'UTC', week_start: 'monday', weekly_target: 3 } })),
      'GET /me/feedback': problem(500, 'internal'),
    });
    renderApp('/feedback');
    expect(await screen.findByRole('heading', { name: 'Обратная связь', level: 1 })).toBeInTheDocument();
    expect(await screen.findByText('На сервере что-то пошло не так. Попробуйте чуть позже.')).toBeInTheDocument();
    expect(screen.getByText('0 из 4 000 символов')).toBeInTheDocument();
  });

  it('lists an answer in the notifications, leading to My feedback', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /notifications/unread': json(200, { unread: 1 }),
      'GET /notifications': json(200, {
        items: [{ id: 'n1', kind: 'feedback_answered', actor: { username: 'root', display_name: 'Olga' }, subject_kind: null, subject_id: null, comment_id: null, at: '2026-12-01T10:00:00Z', read: false }],
        next_cursor: null,
        unread: 1,
      }),
      'POST /notifications/read': json(200, { unread: 0 }),
      'GET /me/follow-requests': json(200, { items: [], next_cursor: null }),
    });
    renderApp('/notifications');
    expect(await screen.findByRole('link', { name: 'New: Olga answered your feedback' })).toHaveAttribute('href', '/feedback');
  });
});
