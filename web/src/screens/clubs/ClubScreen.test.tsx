import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi, noContent, problem, type Call } from '../../test/mockApi';
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
const person = (username: string, name: string, role: string) => ({ user: { username, display_name: name }, role });
const people = (items: unknown[]) => json(200, { items, next_cursor: null });
const feedItem = {
  id: 'f1',
  kind: 'workout',
  at: '2026-11-20T18:05:00Z',
  author: { username: 'mia', display_name: 'Mia' },
  workout: {
    id: 'w1',
    user_id: 'u2',
    title: 'Leg day',
    notes: '',
    started_at: '2026-11-20T17:00:00Z',
    finished_at: '2026-11-20T18:05:00Z',
    duration_s: 3900,
    visibility: 'members',
    plan: null,
    set_count: 12,
    volume_kg: 4200,
    records_hit: 0,
    version: 3,
  },
  kudos: 0,
  comments: 0,
  kudoed: false,
};
/** Members, or (with `pending=true`) requests and invitations, from one route. */
const membersRoute = (members: unknown[], pending: unknown[] = []) => (call: Call) => people(call.path.includes('pending=true') ? pending : members);

describe('a club’s page', () => {
  it('lets anyone join an open club, then shows its feed', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /clubs/c1': [json(200, club()), json(200, club({ role: 'member', members: 4 }))],
      'GET /clubs/c1/members': membersRoute([person('kim', 'Coach Kim', 'admin'), person('mia', 'Mia', 'member')]),
      'POST /clubs/c1/join': json(200, { role: 'member' }),
      'GET /feed': json(200, { items: [feedItem], next_cursor: null }),
    });
    const { user } = renderApp('/clubs/c1');
    expect(await screen.findByRole('heading', { name: 'Morning Lifters', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('Open')).toBeInTheDocument();
    expect(screen.getByText('3 members')).toBeInTheDocument();
    expect(screen.getByText('We lift at 7.')).toBeInTheDocument();
    const members = await screen.findByRole('region', { name: 'Members' });
    expect(within(members).getByRole('link', { name: 'Coach Kim' })).toHaveAttribute('href', '/u/kim');
    // Not a member: no feed, no admin tools.
    expect(screen.queryByRole('region', { name: 'Club feed' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Requests and invitations' })).not.toBeInTheDocument();
    expect(within(members).queryByRole('button', { name: /Remove/ })).not.toBeInTheDocument();
    expect(calls.some((c) => c.path.includes('pending=true'))).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Join' }));
    expect(await screen.findByText('Welcome to Morning Lifters!')).toBeInTheDocument();
    const feed = await screen.findByRole('region', { name: 'Club feed' });
    expect(await within(feed).findByRole('article', { name: 'Leg day' })).toBeInTheDocument();
    expect(calls.find((c) => c.path.startsWith('/feed'))!.path).toContain('scope=club%3Ac1');
    expect(screen.getByRole('button', { name: 'Leave club' })).toBeInTheDocument();
  });

  it('asks to join a club that needs approval, and can withdraw the request', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /clubs/c1': [json(200, club({ policy: 'approval' })), json(200, club({ policy: 'approval', role: 'requested' })), json(200, club({ policy: 'approval' }))],
      'GET /clubs/c1/members': membersRoute([person('kim', 'Coach Kim', 'admin')]),
      'POST /clubs/c1/join': json(200, { role: 'requested' }),
      'POST /clubs/c1/leave': noContent(),
    });
    const { user } = renderApp('/clubs/c1');
    expect(await screen.findByText('The club’s admins approve new members.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Ask to join' }));
    expect(await screen.findByText('You asked to join. The club’s admins will answer your request.')).toBeInTheDocument();
    // A request does not open the feed.
    expect(screen.queryByRole('region', { name: 'Club feed' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Withdraw request' }));
    expect(await screen.findByRole('button', { name: 'Ask to join' })).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/clubs/c1/join', '/clubs/c1/leave']);
  });

  it('offers no button for an invitation-only club, and accepts an invitation', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /clubs/c1': json(200, club({ policy: 'invite' })),
      'GET /clubs/c1/members': membersRoute([]),
    });
    const first = renderApp('/clubs/c1');
    expect(await screen.findByText('This club takes members by invitation only. Ask one of its admins to invite you.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Join|Ask to join/ })).not.toBeInTheDocument();
    first.unmount();

    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /clubs/c1': [json(200, club({ policy: 'invite', role: 'invited' })), json(200, club({ policy: 'invite', role: 'member' }))],
      'GET /clubs/c1/members': membersRoute([]),
      'POST /clubs/c1/join': json(200, { role: 'member' }),
      'GET /feed': json(200, { items: [], next_cursor: null }),
    });
    const { user } = renderApp('/clubs/c1');
    expect(await screen.findByText('You are invited to join this club.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Accept invitation' }));
    expect(await screen.findByText('No finished workouts from the club’s members yet.')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST' && c.path === '/clubs/c1/join')).toBe(true);
  });

  it('turns down an invitation and goes back to the clubs, which no longer show that one', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /clubs/c1': json(200, club({ policy: 'invite', role: 'invited' })),
      'GET /clubs/c1/members': membersRoute([]),
      'POST /clubs/c1/leave': noContent(),
      'GET /clubs': json(200, { items: [], next_cursor: null }),
    });
    const app = renderApp('/clubs/c1');
    await app.user.click(await screen.findByRole('button', { name: 'Decline' }));
    await waitFor(() => expect(app.path()).toBe('/clubs'));
    expect(calls.some((c) => c.method === 'POST' && c.path === '/clubs/c1/leave')).toBe(true);
  });

  it('says why the last admin cannot leave', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /clubs/c1': json(200, club({ role: 'admin' })),
      'GET /clubs/c1/members': membersRoute([person('alice', 'Alice', 'admin'), person('mia', 'Mia', 'member')]),
      'GET /feed': json(200, { items: [], next_cursor: null }),
      'POST /clubs/c1/leave': problem(409, 'last_club_admin'),
    });
    const { user } = renderApp('/clubs/c1');
    await user.click(await screen.findByRole('button', { name: 'Leave club' }));
    const dialog = await screen.findByRole('dialog', { name: 'Leave Morning Lifters?' });
    await user.click(within(dialog).getByRole('button', { name: 'Leave club' }));
    expect(await within(dialog).findByText('A club needs an admin: make another member an admin before you leave or step down.')).toBeInTheDocument();
  });

  it('gives club admins requests to answer, invitations, roles and removal', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /clubs/c1': json(200, club({ policy: 'approval', role: 'admin' })),
      'GET /clubs/c1/members': membersRoute(
        [person('alice', 'Alice', 'admin'), person('mia', 'Mia', 'member')],
        [person('bob', 'Bob', 'requested'), person('eve', 'Eve', 'requested'), person('zoe', 'Zoe', 'invited')],
      ),
      'GET /feed': json(200, { items: [], next_cursor: null }),
      'GET /search': json(200, { items: [], complete: true }),
      'POST /clubs/c1/members': [json(200, { role: 'member' }), problem(404, 'not_found'), json(200, { role: 'invited' })],
      'DELETE /clubs/c1/members/eve': noContent(),
      'DELETE /clubs/c1/members/mia': noContent(),
      'PATCH /clubs/c1/members/mia': json(200, { role: 'admin' }),
    });
    const { user } = renderApp('/clubs/c1');
    const pending = await screen.findByRole('region', { name: 'Requests and invitations' });
    const requests = await within(pending).findByRole('list', { name: 'Requests to join' });
    expect(within(requests).getAllByRole('listitem')).toHaveLength(2);
    expect(within(pending).getByRole('list', { name: 'Invitations not answered yet' })).toHaveTextContent('Zoe');

    await user.click(within(requests).getByRole('button', { name: 'Approve the request from Bob' }));
    await user.click(within(requests).getByRole('button', { name: 'Decline the request from Eve' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.path === '/clubs/c1/members/eve')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ username: 'bob' });

    // Inviting: nobody by that name, then someone.
    const field = within(pending).getByLabelText('Invite someone');
    await user.click(within(pending).getByRole('button', { name: 'Invite' }));
    expect(await within(pending).findByText('Please fill this in.')).toBeInTheDocument();
    await user.type(field, 'nobody');
    await user.click(within(pending).getByRole('button', { name: 'Invite' }));
    expect(await within(pending).findByText('There is no member @nobody you can invite.')).toBeInTheDocument();
    await user.clear(field);
    await user.type(field, '@sam');
    await user.click(within(pending).getByRole('button', { name: 'Invite' }));
    expect(await within(pending).findByText('@sam is invited.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ username: 'bob' }, { username: 'nobody' }, { username: 'sam' }]);

    // Members: no tools on oneself; make admin and remove the others.
    const members = screen.getByRole('region', { name: 'Members' });
    expect(within(members).queryByRole('button', { name: /Alice/ })).not.toBeInTheDocument();
    await user.click(within(members).getByRole('button', { name: 'Make Mia a club admin' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ role: 'admin' }));
    await user.click(within(members).getByRole('button', { name: 'Remove Mia from the club' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove Mia from Morning Lifters?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.path === '/clubs/c1/members/mia')).toBe(true));

    // Settings.
    expect(screen.getByRole('region', { name: 'Club settings' })).toBeInTheDocument();
  });
});
