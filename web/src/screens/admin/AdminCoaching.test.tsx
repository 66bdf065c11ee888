import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi, noContent, problem } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

const owner = () => json(200, makeMe({ username: 'root', role: 'owner' }));
const pairing = { id: 'c9', coach: { username: 'kim', display_name: 'Kim' }, member: { username: 'mia', display_name: 'Mia' }, status: 'active', created_at: '2026-12-06T10:00:00Z', since: '2026-12-06T10:00:00Z' };

describe('AdminCoaching', () => {
  it('pairs a coach with a member and can undo it', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': owner(),
      'GET /search': json(200, { items: [], complete: true }),
      'POST /admin/coaching': json(201, pairing),
      'DELETE /coaching/c9': noContent(),
    });
    const { user } = renderApp('/admin/coaching');
    const tabs = await screen.findByRole('navigation', { name: 'Administration' });
    expect(within(tabs).getByRole('link', { name: 'Coaches' })).toHaveAttribute('aria-current', 'page');
    await user.type(await screen.findByLabelText('Coach'), 'kim');
    await user.type(screen.getByLabelText('Member'), '@mia');
    await user.click(screen.getByRole('button', { name: 'Pair them' }));
    const done = await screen.findByText(/@kim now coaches @mia\./);
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ coach: 'kim', member: 'mia' });
    expect(screen.getByLabelText('Coach')).toHaveValue('');

    await user.click(within(done).getByRole('button', { name: 'Undo' }));
    expect(await screen.findByText('Undone: @kim does not coach @mia.')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/coaching/c9')).toBe(true);
  });

  it('puts each refusal next to its field', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': owner(),
      'GET /search': json(200, { items: [], complete: true }),
      'POST /admin/coaching': [
        problem(422, 'validation_failed', { errors: [{ field: 'coach', code: 'not_a_coach', message: 'No.' }] }),
        problem(422, 'validation_failed', { errors: [{ field: 'member', code: 'unknown_user', message: 'No.' }] }),
        problem(409, 'coaching_exists'),
      ],
    });
    const { user } = renderApp('/admin/coaching');
    const coachField = await screen.findByLabelText('Coach');
    const memberField = screen.getByLabelText('Member');
    const submit = screen.getByRole('button', { name: 'Pair them' });

    await user.click(submit);
    expect(await screen.findAllByText('Please fill this in.')).toHaveLength(2);
    await user.type(coachField, 'mia');
    await user.type(memberField, 'MIA');
    await user.click(submit);
    expect(await screen.findByText('The coach and the member must be two different people.')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await user.clear(memberField);
    await user.type(memberField, 'bob');
    await user.click(submit);
    expect(await screen.findByText('This account has no coach rights. Give it the coach role first.')).toBeInTheDocument();
    expect(coachField).toHaveAttribute('aria-invalid', 'true');
    await user.click(submit);
    expect(await screen.findByText('There is no account with that username.')).toBeInTheDocument();
    expect(memberField).toHaveAttribute('aria-invalid', 'true');
    await user.click(submit);
    expect(await screen.findByText('There is already a coaching request or coaching between you two.')).toBeInTheDocument();
  });

  it('is not offered to coaches', async () => {
    mockApi({ 'GET /instance': instance(), 'GET /me': json(200, makeMe({ role: 'coach' })) });
    const app = renderApp('/admin/coaching');
    await waitFor(() => expect(app.path()).toBe('/'));
  });
});
