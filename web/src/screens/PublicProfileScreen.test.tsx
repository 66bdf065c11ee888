import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, mockApi, problem } from '../test/mockApi';
import { renderApp } from '../test/renderApp';

describe('PublicProfileScreen', () => {
  it('shows a visible profile to signed-out visitors', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': problem(401, 'unauthorized'),
      'GET /users/coach_kim': json(200, { username: 'coach_kim', display_name: 'Kim', bio: 'Lifts things.', role: 'coach', avatar_url: null, created_at: '2026-03-01T12:00:00Z' }),
    });
    renderApp('/u/coach_kim');
    expect(await screen.findByRole('heading', { name: 'Kim' })).toBeInTheDocument();
    expect(screen.getByText('Coach')).toBeInTheDocument();
    expect(screen.getByText('Lifts things.')).toBeInTheDocument();
    expect(screen.getByText(/Member since/)).toBeInTheDocument();
  });

  it('treats not found and private alike', async () => {
    mockApi({ 'GET /instance': instance(), 'GET /me': problem(401, 'unauthorized'), 'GET /users/ghost': problem(404, 'not_found') });
    renderApp('/u/ghost');
    expect(await screen.findByText('There is no profile @ghost, or it is private.')).toBeInTheDocument();
  });
});
