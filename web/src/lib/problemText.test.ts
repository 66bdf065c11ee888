import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../api/problem';
import { fieldProblem, formErrors, problemMessage } from './problemText';

const t = i18n.t.bind(i18n);

describe('problem messages', () => {
  it('translates known types and counts seconds for rate limits', async () => {
    expect(problemMessage(t, new ApiProblem(401, 'invalid_credentials'))).toBe('Wrong username, email or password.');
    expect(problemMessage(t, new ApiProblem(403, 'wrong_password'))).toBe('That is not your current password.');
    expect(problemMessage(t, new ApiProblem(429, 'rate_limited', '', [], 30))).toBe('Too many attempts. Try again in 30 seconds.');
    expect(problemMessage(t, new ApiProblem(429, 'rate_limited', '', [], 899))).toBe('Too many attempts. Try again in 15 minutes.');
    await i18n.changeLanguage('ru');
    expect(problemMessage(t, new ApiProblem(429, 'rate_limited', '', [], 3))).toBe('Слишком много попыток. Повторите через 3 секунды.');
    expect(problemMessage(t, new ApiProblem(429, 'rate_limited', '', [], 21))).toBe('Слишком много попыток. Повторите через 21 секунду.');
    expect(problemMessage(t, new ApiProblem(429, 'rate_limited', '', [], 300))).toBe('Слишком много попыток. Повторите через 5 минут.');
  });

  it('tells a suspended member the administrator’s reason', () => {
    const suspended = new ApiProblem(403, 'account_disabled', 'This account is suspended: Spam. Ask an administrator to lift it.', [], undefined, 'Spam.');
    expect(problemMessage(t, suspended)).toBe('This account is suspended. The administrator’s reason: Spam.');
    expect(problemMessage(t, new ApiProblem(403, 'account_disabled'))).toBe('This account has been disabled. Contact an administrator.');
  });

  it('falls back for unknown types', () => {
    expect(problemMessage(t, new ApiProblem(418, 'teapot'))).toBe('The server answered with an unexpected error (418).');
    expect(problemMessage(t, new ApiProblem(502, 'bad_gateway'))).toMatch(/went wrong on the server/);
    expect(problemMessage(t, new Error('boom'))).toBe('Something went wrong. Try again.');
  });
});

describe('formErrors', () => {
  const fields = ['username', 'email', 'password'];

  it('puts per-field errors next to their fields', () => {
    const e = new ApiProblem(422, 'validation_failed', '', [
      { field: 'username', code: 'invalid', message: 'must be 3-32 chars' },
      { field: 'password', code: 'invalid', message: 'too common' },
    ]);
    const r = formErrors(t, e, fields);
    expect(r.form).toBeNull();
    expect(r.fields.username).toMatch(/3–32 characters/);
    expect(r.fields.password).toMatch(/10–256 characters/);
  });

  it('translates field errors by their machine-readable code, not their wording', async () => {
    const e = new ApiProblem(422, 'validation_failed', '', [{ field: 'username', code: 'user_disabled', message: 'Worded differently now.' }]);
    expect(fieldProblem(e, 'username')?.code).toBe('user_disabled');
    expect(fieldProblem(e, 'email')).toBeUndefined();
    expect(fieldProblem(new Error('x'), 'username')).toBeUndefined();
    expect(formErrors(t, e, fields).fields.username).toBe('This account is disabled.');
    const unknown = new ApiProblem(422, 'validation_failed', '', [{ field: 'username', code: 'unknown_user', message: '' }]);
    expect(formErrors(t, unknown, fields).fields.username).toBe('There is no account with that username.');
    // Codes without a translation fall back on the field's own message.
    const odd = new ApiProblem(422, 'validation_failed', '', [{ field: 'username', code: 'brand_new', message: 'x' }]);
    expect(formErrors(t, odd, fields).fields.username).toMatch(/3–32 characters/);
    await i18n.changeLanguage('ru');
    expect(formErrors(t, e, fields).fields.username).toBe('Эта учётная запись отключена.');
  });

  it('maps field-specific problem types to the field', () => {
    const r = formErrors(t, new ApiProblem(409, 'username_taken'), fields, { username_taken: 'username' });
    expect(r.fields.username).toBe('This username is already taken.');
    expect(r.form).toBeNull();
  });

  it('shows other problems and unknown fields on the form', () => {
    expect(formErrors(t, new ApiProblem(403, 'registration_closed'), fields).form).toBe('Registration is closed on this server.');
    const r = formErrors(t, new ApiProblem(422, 'validation_failed', '', [{ field: 'nickname', code: 'invalid', message: 'is odd' }]), fields);
    expect(r.form).toBe('is odd');
  });
});
