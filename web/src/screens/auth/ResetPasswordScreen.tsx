import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { resetPassword } from '../../api/gym';
import { isProblem } from '../../api/problem';
import { keys } from '../../api/queries';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { passwordRefusal } from '../../lib/passwordProblem';
import { useApiForm } from '../../lib/useApiForm';
import '../../i18n/feedback';

/** The token of a set-password link: `/reset-password#token=…` (a fragment never reaches a server log). */
export function tokenFromHash(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token')?.trim() ?? '';
}

function InvalidLink() {
  const { t } = useTranslation();
  return (
    <>
      <Alert tone="error">{t('errors.reset_link_invalid')}</Alert>
      <p>{t('resetPassword.askAgain')}</p>
      <p className="switch-link">
        <Link to="/login">{t('login.submit')}</Link>
      </p>
    </>
  );
}

/**
 * Sets a password with the one-time link an administrator handed over (a new account, or a
 * forgotten password). A used, expired or mistyped link says so and what to do instead.
 */
export default function ResetPasswordScreen() {
  const { t, i18n } = useTranslation();
  const { hash, pathname } = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [token] = useState(() => tokenFromHash(hash));
  const [values, setValues] = useState({ password: '', confirm: '' });
  const set = (name: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  const form = useApiForm({
    fields: ['password', 'confirm'],
    required: ['password', 'confirm'],
    validate: (v: typeof values) => (v.confirm && v.confirm !== v.password ? { confirm: t('resetPassword.mismatch') } : {}),
    submit: (v: typeof values) => resetPassword(token, v.password),
    onSuccess: () => {
      // The link is spent: keep it out of the address bar and the history.
      navigate(pathname, { replace: true });
      void client.invalidateQueries({ queryKey: keys.me });
    },
  });

  if (form.succeeded) {
    return (
      <>
        <h1>{t('resetPassword.title')}</h1>
        <Alert tone="success">{t('resetPassword.done')}</Alert>
        <Link to="/login" className="btn btn-primary btn-block">
          {t('resetPassword.signIn')}
        </Link>
      </>
    );
  }
  if (!token || isProblem(form.error, 'reset_link_invalid')) {
    return (
      <>
        <h1>{t('resetPassword.title')}</h1>
        <InvalidLink />
      </>
    );
  }
  return (
    <>
      <h1>{t('resetPassword.title')}</h1>
      <p className="lead">{t('resetPassword.intro')}</p>
      <form onSubmit={form.handle(values)} noValidate>
        <TextField
          label={t('resetPassword.password')}
          hint={t('hints.password')}
          type="password"
          value={values.password}
          onValue={set('password')}
          error={passwordRefusal(t, i18n.language, form.error) ?? form.errors.fields.password}
          autoComplete="new-password"
        />
        <TextField
          label={t('resetPassword.confirm')}
          type="password"
          value={values.confirm}
          onValue={set('confirm')}
          error={form.errors.fields.confirm}
          autoComplete="new-password"
        />
        {form.errors.form && <Alert tone="error">{form.errors.form}</Alert>}
        <Button type="submit" variant="primary" className="btn-block" busy={form.pending}>
          {t('resetPassword.submit')}
        </Button>
      </form>
    </>
  );
}
