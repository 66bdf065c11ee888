import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi, problem, type Call } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

const owner = (over = {}) => json(200, makeMe({ username: 'root', role: 'owner', ...over }));
const settings = (over: Record<string, unknown> = {}) => ({
  registration_mode: 'open',
  registration_mode_locked: false,
  name: 'Iron Temple',
  default_language: 'en',
  units: 'metric',
  timezone: 'Europe/Berlin',
  plates: { kg: [25, 20, 10, 5, 2.5, 1.25], lb: [45, 25, 10, 5, 2.5], bar_kg: 20, bar_lb: 45 },
  logo_url: null,
  ...over,
});
const patched = (c: Call) => json(200, settings(c.body as Record<string, unknown>));

const card = (name: string) => screen.getByRole('heading', { name }).closest<HTMLElement>('.card')!;

describe('AdminSettings', () => {
  it('changes the registration mode', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': owner(),
      'GET /admin/settings': json(200, settings()),
      'PATCH /admin/settings': json(200, settings({ registration_mode: 'invite' })),
    });
    const app = renderApp('/admin/settings');
    expect(await screen.findByLabelText(/^Open/)).toBeChecked();
    await app.user.click(screen.getByLabelText(/^Invite only/));
    await waitFor(() => expect(screen.getByLabelText(/^Invite only/)).toBeChecked());
    expect(await within(card('Registration')).findByText('Saved.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ registration_mode: 'invite' });
  });

  it('shows a mode fixed by the server configuration read-only, and the old address leads here', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': owner(),
      'GET /admin/settings': json(200, settings({ registration_mode: 'closed', registration_mode_locked: true })),
    });
    const app = renderApp('/admin/registration');
    expect(await screen.findByText(/fixed in the server configuration/)).toBeInTheDocument();
    expect(app.path()).toBe('/admin/settings');
    const registration = card('Registration');
    expect(within(registration).getByText('Closed')).toBeInTheDocument();
    expect(within(registration).queryByRole('radio')).not.toBeInTheDocument();
    const tabs = screen.getByRole('navigation', { name: 'Administration' });
    expect(within(tabs).getByRole('link', { name: 'Gym' })).toHaveAttribute('aria-current', 'page');
  });

  it('keeps members out of the admin area', async () => {
    mockApi({ 'GET /instance': instance(), 'GET /me': json(200, makeMe()) });
    const app = renderApp('/admin/settings');
    await waitFor(() => expect(app.path()).toBe('/'));
  });

  it('saves only what changed of name, language, units and time zone; the header follows', async () => {
    let name = 'Iron Temple';
    const calls = mockApi({
      'GET /instance': () => json(200, { name, version: '0.1.0', registration_mode: 'open', needs_setup: false, member_clubs: false }),
      'GET /me': owner(),
      'GET /admin/settings': json(200, settings()),
      'PATCH /admin/settings': (c) => {
        name = (c.body as { name?: string }).name ?? name;
        return patched(c);
      },
    });
    const { user } = renderApp('/admin/settings');
    const nameField = await screen.findByLabelText('Name');
    expect(await screen.findByRole('link', { name: 'Iron Temple' })).toHaveAttribute('href', '/');
    const save = within(card('Your gym')).getByRole('button', { name: 'Save' });
    expect(save).toBeDisabled();

    await user.clear(nameField);
    await user.click(save);
    expect(await screen.findByText('Please fill this in.')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);

    await user.type(nameField, '  Steel Barn ');
    await user.selectOptions(screen.getByLabelText('Language for new members'), 'ru');
    await user.click(screen.getByRole('radio', { name: 'Imperial' }));
    await user.type(screen.getByRole('searchbox', { name: 'Find a time zone' }), 'new york');
    expect(screen.getByLabelText('Time zone')).toHaveValue('America/New_York');
    expect(screen.getByText('1 time zone matches')).toBeInTheDocument();
    await user.click(save);
    expect(await within(card('Your gym')).findByText('Saved.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({
      name: 'Steel Barn',
      default_language: 'ru',
      units: 'imperial',
      timezone: 'America/New_York',
    });
    expect(await screen.findByRole('link', { name: 'Steel Barn' })).toHaveAttribute('href', '/');
  });

  it('shows the server’s refusal next to its field', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': owner(),
      'GET /admin/settings': json(200, settings()),
      'PATCH /admin/settings': [
        problem(422, 'validation_failed', { errors: [{ field: 'timezone', code: 'invalid', message: 'Unknown time zone.' }] }),
        problem(422, 'validation_failed', { errors: [{ field: 'name', code: 'invalid', message: 'The name must not be only spaces.' }] }),
        problem(503, 'unavailable'),
      ],
    });
    const { user } = renderApp('/admin/settings');
    const nameField = await screen.findByLabelText('Name');
    await user.type(nameField, '!');
    const save = within(card('Your gym')).getByRole('button', { name: 'Save' });
    await user.click(save);
    expect(await screen.findByText('Pick a time zone from the list.')).toBeInTheDocument();
    await user.click(save);
    expect(await screen.findByText('The name must not be only spaces.')).toBeInTheDocument();
    expect(nameField).toHaveAttribute('aria-invalid', 'true');
    await user.click(save);
    expect(await screen.findByText('The server is busy or starting up. Try again in a moment.')).toBeInTheDocument();
  });

  it('says when the settings cannot be loaded', async () => {
    mockApi({ 'GET /instance': instance(), 'GET /me': owner(), 'GET /admin/settings': problem(500, 'internal') });
    renderApp('/admin/settings');
    expect(await screen.findByText('Something went wrong on the server. Try again in a moment.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});

describe('the gym’s logo', () => {
  const file = (name: string, type: string, size: number) => new File([new Uint8Array(size)], name, { type });
  const pick = (f: File) => fireEvent.change(screen.getByLabelText('Choose an image'), { target: { files: [f] } });

  it('refuses a file that is not an image or is too big, previews one that fits, and uploads it', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': owner(),
      'GET /admin/settings': json(200, settings()),
      'PUT /admin/settings/logo': json(200, settings({ logo_url: '/api/v1/instance/logo?v=2' })),
    });
    const { user } = renderApp('/admin/settings');
    await screen.findByRole('heading', { name: 'Logo' });

    pick(file('logo.gif', 'image/gif', 100));
    expect(await screen.findByText('Use a PNG, JPEG or WebP image.')).toBeInTheDocument();
    pick(file('huge.png', 'image/png', 256 * 1024 + 1));
    expect(await screen.findByText('The image is too big. The limit is 256 KB.')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);

    pick(file('mark.webp', 'image/webp', 256 * 1024));
    expect(await screen.findByRole('img', { name: 'The new logo, not uploaded yet' })).toBeInTheDocument();
    expect(screen.getByText(/mark\.webp/)).toBeInTheDocument();
    await user.click(within(card('Logo')).getByRole('button', { name: 'Upload' }));
    expect(await screen.findByText('The new logo is shown everywhere.')).toBeInTheDocument();
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.headers.get('Content-Type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(put.body).toMatch(/name="file"; filename="mark\.webp"/);
    expect(put.headers.get('X-Gymbox-Csrf')).toBe('1');
    expect(screen.getByRole('img', { name: 'The gym’s logo' })).toHaveAttribute('src', '/api/v1/instance/logo?v=2');
    expect(within(card('Logo')).getByRole('button', { name: 'Remove logo' })).toBeInTheDocument();
  });

  it('removes the logo and shows the server’s refusal of an upload', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': owner(),
      'GET /admin/settings': json(200, settings({ logo_url: '/api/v1/instance/logo?v=1' })),
      'PUT /admin/settings/logo': [problem(413, 'payload_too_large'), problem(422, 'image_too_large'), problem(415, 'unsupported_image', { detail: 'The file says it is image/png but its content is image/jpeg.' })],
      'DELETE /admin/settings/logo': json(200, settings()),
    });
    const { user } = renderApp('/admin/settings');
    await screen.findByRole('img', { name: 'The gym’s logo' });
    pick(file('a.png', 'image/png', 10));
    await user.click(await within(card('Logo')).findByRole('button', { name: 'Upload' }));
    expect(await screen.findByText('The image is too big. The limit is 256 KB.')).toBeInTheDocument();
    await user.click(within(card('Logo')).getByRole('button', { name: 'Upload' }));
    expect(await screen.findByText('The image is too large. Use one of at most 2048 × 2048 pixels.')).toBeInTheDocument();
    await user.click(within(card('Logo')).getByRole('button', { name: 'Upload' }));
    expect(await screen.findByText('The file says it is image/png but its content is image/jpeg.')).toBeInTheDocument();
    await user.click(within(card('Logo')).getByRole('button', { name: 'Cancel' }));
    await user.click(within(card('Logo')).getByRole('button', { name: 'Remove logo' }));
    expect(await screen.findByText('Logo removed.')).toBeInTheDocument();
    expect(within(card('Logo')).queryByRole('img')).not.toBeInTheDocument();
  });

  it('shows the gym’s logo and name on the sign-in page and in the header', async () => {
    mockApi({ 'GET /instance': instance({ name: 'Steel Barn', logo_url: '/api/v1/instance/logo?v=3' }), 'GET /me': problem(401, 'unauthorized') });
    const { container } = renderApp('/login');
    const brand = await screen.findByRole('link', { name: 'Steel Barn' });
    expect(brand.querySelector('img')).toHaveAttribute('src', '/api/v1/instance/logo?v=3');
    expect(container.querySelector('.auth-brand img')).not.toBeNull();
  });
});

describe('the gym’s plates', () => {
  const plates = () => card('Plates and bars');

  it('checks the list before saving and saves it heaviest first', async () => {
    const calls = mockApi({ 'GET /instance': instance(), 'GET /me': owner(), 'GET /admin/settings': json(200, settings()), 'PATCH /admin/settings': patched });
    const { user } = renderApp('/admin/settings');
    await screen.findByRole('heading', { name: 'Plates and bars' });
    const kg = within(plates()).getByRole('group', { name: 'Plates in kilograms' });
    expect(within(kg).getAllByRole('textbox').map((i) => (i as HTMLInputElement).value)).toEqual(['25', '20', '10', '5', '2.5', '1.25']);
    const save = within(plates()).getByRole('button', { name: 'Save plates' });

    await user.click(within(kg).getByRole('button', { name: 'Add a plate (kg)' }));
    await user.type(within(kg).getByLabelText('Plate 7 (kg)'), 'ten');
    await user.click(save);
    expect(await within(kg).findByText('“ten” is not a number. Type a weight such as 2.5.')).toBeInTheDocument();
    expect(within(kg).getByLabelText('Plate 7 (kg)')).toHaveAttribute('aria-invalid', 'true');

    await user.clear(within(kg).getByLabelText('Plate 7 (kg)'));
    await user.type(within(kg).getByLabelText('Plate 7 (kg)'), '10');
    await user.click(save);
    expect(await within(kg).findByText('10 kg is listed twice.')).toBeInTheDocument();

    await user.clear(within(kg).getByLabelText('Plate 7 (kg)'));
    await user.type(within(kg).getByLabelText('Plate 7 (kg)'), '160');
    await user.clear(within(plates()).getByLabelText('Bar (lb)'));
    await user.click(save);
    expect(await within(kg).findByText('A plate weighs more than 0 and at most 100 kg.')).toBeInTheDocument();
    expect(within(plates()).getByText('A bar weighs from 0 (no bar) to 100 lb.')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);

    await user.clear(within(kg).getByLabelText('Plate 7 (kg)'));
    await user.type(within(kg).getByLabelText('Plate 7 (kg)'), '15');
    await user.click(within(kg).getByRole('button', { name: 'Remove plate 6 (kg)' }));
    await user.type(within(plates()).getByLabelText('Bar (lb)'), '35');
    await user.click(save);
    expect(await within(plates()).findByText('Saved.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({
      plates: { kg: [25, 20, 15, 10, 5, 2.5], lb: [45, 25, 10, 5, 2.5], bar_kg: 20, bar_lb: 35 },
    });
    expect(within(kg).getAllByRole('textbox').map((i) => (i as HTMLInputElement).value)).toEqual(['25', '20', '15', '10', '5', '2.5']);
  });

  it('refuses an empty list and puts the server’s refusal on the list it names', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': owner(),
      'GET /admin/settings': json(200, settings({ plates: { kg: [20], lb: [45], bar_kg: 20, bar_lb: 45 } })),
      'PATCH /admin/settings': problem(422, 'validation_failed', { errors: [{ field: 'plates.lb[0]', code: 'invalid', message: 'Plates in pounds must be multiples of 0.25 lb.' }] }),
    });
    const { user } = renderApp('/admin/settings');
    await screen.findByRole('heading', { name: 'Plates and bars' });
    const kg = within(plates()).getByRole('group', { name: 'Plates in kilograms' });
    const lb = within(plates()).getByRole('group', { name: 'Plates in pounds' });
    await user.click(within(kg).getByRole('button', { name: 'Remove plate 1 (kg)' }));
    await user.click(within(plates()).getByRole('button', { name: 'Save plates' }));
    expect(await within(kg).findByText('List at least one plate.')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);

    await user.click(within(kg).getByRole('button', { name: 'Add a plate (kg)' }));
    await user.type(within(kg).getByLabelText('Plate 1 (kg)'), '2,5');
    await user.click(within(plates()).getByRole('button', { name: 'Save plates' }));
    expect(await within(lb).findByText('Plates in pounds must be multiples of 0.25 lb.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ plates: { kg: [2.5], lb: [45], bar_kg: 20, bar_lb: 45 } });
  });

  it('reads and writes decimal commas in Russian', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': owner({ preferences: { units: 'metric', language: 'ru', timezone: 'UTC', week_start: 'monday', weekly_target: 3 } }),
      'GET /admin/settings': json(200, settings()),
      'PATCH /admin/settings': patched,
    });
    const { user } = renderApp('/admin/settings');
    const kg = await screen.findByRole('group', { name: 'Блины в килограммах' });
    expect(within(kg).getByLabelText('Блин 5 (кг)')).toHaveValue('2,5');
    await user.clear(within(kg).getByLabelText('Блин 6 (кг)'));
    await user.type(within(kg).getByLabelText('Блин 6 (кг)'), '0,5');
    await user.click(screen.getByRole('button', { name: 'Сохранить блины' }));
    expect(await screen.findByText('Сохранено.')).toBeInTheDocument();
    expect((calls.find((c) => c.method === 'PATCH')!.body as { plates: { kg: number[] } }).plates.kg).toEqual([25, 20, 10, 5, 2.5, 0.5]);
    expect(within(kg).getByLabelText('Блин 6 (кг)')).toHaveValue('0,5');
  });
});
