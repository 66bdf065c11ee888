import { screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeXhr } from '../../../test/fakeXhr';
import { instance, json, makeMe, mockApi } from '../../../test/mockApi';
import { renderApp } from '../../../test/renderApp';

const DRAFT = {
  id: 'g1',
  format: 'gpx',
  file_name: 'morning.gpx',
  status: 'draft',
  created_at: '2026-05-02T10:00:00Z',
  applied_at: null,
  workouts: 2,
  routes: 2,
  sets: 2,
  from: '2026-05-01T07:00:00Z',
  to: '2026-05-02T07:00:00Z',
  already_imported: 0,
  created: 0,
  skipped: 0,
  names: [
    { name: 'Running', sets: 1, exercise: { id: 'running', name: 'Running' }, suggestions: [] },
    { name: 'Cycling', sets: 1, exercise: { id: 'cycling', name: 'Cycling' }, suggestions: [] },
  ],
  problems: [],
  more_problems: 0,
};

describe('importing GPS activities', () => {
  // The file goes up with XMLHttpRequest (for its progress), answered here through mockApi.
  beforeEach(fakeXhr);

  it('offers GPX, TCX and FIT, asks for no weight unit, and counts the routes of the file', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /imports': json(200, { items: [], next_cursor: null }),
      'GET /me/calendar': json(200, { active: false, created_at: null, url: null }),
      'POST /imports': json(201, DRAFT),
    });
    const app = renderApp('/settings/import');
    expect(await screen.findByRole('button', { name: 'TCX' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'FIT' })).toBeInTheDocument();
    await app.user.click(screen.getByRole('button', { name: 'FIT' }));
    expect(screen.getByText(/Garmin, Wahoo, Coros or Suunto/)).toBeInTheDocument();
    expect(screen.getByLabelText('Activity file')).toHaveAttribute('accept', expect.stringContaining('.fit'));
    await app.user.click(screen.getByRole('button', { name: 'GPX' }));
    expect(screen.queryByText('Weights in the file')).not.toBeInTheDocument();
    const input = screen.getByLabelText('Activity file');
    expect(input).toHaveAttribute('accept', expect.stringContaining('.gpx'));
    await app.user.upload(input, new File(['<gpx/>'], 'morning.gpx', { type: 'application/gpx+xml' }));
    await app.user.click(screen.getByRole('button', { name: 'Read the file' }));
    expect(await screen.findByText('2 GPS routes')).toBeInTheDocument();
    expect(screen.getByText('2 workouts')).toBeInTheDocument();
    const upload = calls.find((c) => c.method === 'POST' && c.path === '/imports')!;
    expect(String(upload.body)).toMatch(/name="format"\r\n\r\ngpx/);
  });
});
