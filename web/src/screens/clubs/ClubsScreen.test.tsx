import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi, problem, type Call } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

const club = (over: Record<string, unknown> = {}) => ({
  id: 'c1',
  name: 'Morning Lifters',
  description: 'We lift at 7.',
  policy: 'open',
  members: 3,
  role: null,
  created_at: '2026-11-01T10:00:00Z',
  ...over,
});
const lists = (mine: unknown[], all: unknown[]) => (call: Call) => json(200, { items: call.path.includes('mine=true') ? mine : all, next_cursor: null });

describe('the clubs screen', () => {
  it('lists one’s clubs and every club, with who may join and how many are in', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /clubs': lists([club({ role: 'admin' })], [club({ role: 'admin' }), club({ id: 'c2', name: 'Runners', policy: 'approval', members: 1, role: null })]),
    });
    renderApp('/clubs');
    const mine = await screen.findByRole('region', { name: 'Your clubs' });
    const row = await within(mine).findByRole('listitem');
    expect(within(row).getByRole('link', { name: 'Morning Lifters' })).toHaveAttribute('href', '/clubs/c1');
    expect(within(row).getByText('Club admin')).toBeInTheDocument();
    const all = screen.getByRole('region', { name: 'All clubs' });
    const runners = (await within(all).findAllByRole('listitem'))[1]!;
    expect(runners).toHaveTextContent('By approval');
    expect(runners).toHaveTextContent('1 member');
  });

  it('offers a plain member no form unless the gym lets members create clubs', async () => {
    mockApi({ 'GET /instance': instance(), 'GET /me': json(200, makeMe()), 'GET /clubs': lists([], []) });
    renderApp('/clubs');
    expect(await screen.findByText(/only coaches and administrators create clubs/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create a club' })).toBeNull();
  });

  it('lets a member create a club where the gym allows it', async () => {
    mockApi({ 'GET /instance': instance({ member_clubs: true }), 'GET /me': json(200, makeMe()), 'GET /clubs': lists([], []) });
    renderApp('/clubs');
    expect(await screen.findByRole('button', { name: 'Create a club' })).toBeInTheDocument();
  });

  it('checks the form, puts the server’s refusals next to their field and says who may create clubs', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ role: 'coach' })),
      'GET /clubs': lists([], []),
      'POST /clubs': [
        problem(422, 'validation_failed', { errors: [{ field: 'name', code: 'invalid', message: 'A club name has 1 to 80 characters.' }] }),
        problem(403, 'forbidden'),
        json(201, club({ id: 'c9', name: 'Kettlebells', policy: 'approval', members: 1, role: 'admin' })),
      ],
      'GET /clubs/c9': json(200, club({ id: 'c9', name: 'Kettlebells', policy: 'approval', members: 1, role: 'admin' })),
      'GET /clubs/c9/members': json(200, { items: [], next_cursor: null }),
      'GET /feed': json(200, { items: [], next_cursor: null }),
    });
    const app = renderApp('/clubs');
    const { user } = app;
    expect(await screen.findByText('You are in no club yet. Join one below or create your own.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create a club' }));
    const form = screen.getByRole('region', { name: 'New club' });
    const name = within(form).getByLabelText('Name');
    const submit = within(form).getByRole('button', { name: 'Create club' });

    await user.click(submit);
    expect(await within(form).findByText('Please fill this in.')).toBeInTheDocument();
    expect(name).toHaveAttribute('aria-invalid', 'true');
    await user.type(name, 'x'.repeat(81));
    await user.click(submit);
    expect(await within(form).findByText('Give the club a name of 1 to 80 characters.')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await user.clear(name);
    await user.type(name, 'Kettlebells');
    await user.type(within(form).getByLabelText('Description (optional)'), 'Swings on Sundays.');
    await user.click(within(form).getByRole('radio', { name: /By approval/ }));
    await user.click(submit);
    expect(await within(form).findByText('Give the club a name of 1 to 80 characters.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ name: 'Kettlebells', description: 'Swings on Sundays.', policy: 'approval' });

    await user.click(submit);
    expect(
      await within(form).findByText('On this gym only coaches and administrators create clubs. Ask one of them to start the club you have in mind.'),
    ).toBeInTheDocument();
    expect(name).not.toHaveAttribute('aria-invalid');

    await user.click(submit);
    await waitFor(() => expect(app.path()).toBe('/clubs/c9'));
    expect(await screen.findByText('Club created. Invite people or share its page.')).toBeInTheDocument();
  });
});
