import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { login } from '../../api/auth';
import { isProblem } from '../../api/problem';
import { keys, useInstance, useMe } from '../../api/queries';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { useApiForm } from '../../lib/useApiForm';

/** Only same-site paths are accepted as a place to return to after signing in. */
function safeNext(next: string | null) {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginScreen() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const location = useLocation();
  const registered = (location.state as { registered?: string } | null)?.registered;
  const { data: instance } = useInstance();
  const me = useMe();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [values, setValues] = useState({ login: registered ?? '', password: '', totp_code: '' });
  const [needsCode, setNeedsCode] = useState(false);
  const set = (name: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [name]: value }));

  const form = useApiForm({
    fields: ['login', 'password', 'totp_code'],
    required: needsCode ? ['totp_code'] : ['login', 'password'],
    typeToField: needsCode ? { invalid_totp: 'totp_code' } : { invalid_credentials: 'password' },
    submit: async (v: typeof values) => {
      try {
        return await login({
          login: v.login.trim(),
          password: v.password,
          totp_code: needsCode ? v.totp_code.replace(/\s+/g, '') : undefined,
        });
      } catch (e) {
        // Asking for the code is the expected next step, not an error to show.
        if (!needsCode && isProblem(e, 'totp_required')) {
          setNeedsCode(true);
          return null;
        }
        throw e;
      }
    },
    onSuccess: (result) => {
      if (!result) return;
      client.setQueryData(keys.me, { me: result.user, etag: null });
      void client.invalidateQueries({ queryKey: keys.me });
      navigate(safeNext(params.get('next')), { replace: true });
    },
  });

  if (me.data && !form.pending && !form.data) return <Navigate to={safeNext(params.get('next'))} replace />;

  if (needsCode) {
    return (
      <>
        <h1>{t('login.codeTitle')}</h1>
        <p className="lead">{t('login.codeIntro')}</p>
        <form onSubmit={form.handle(values)} noValidate>
          <TextField
            label={t('login.code')}
            hint={t('login.codeHint')}
            value={values.totp_code}
            onValue={set('totp_code')}
            error={form.errors.fields.totp_code}
            autoComplete="one-time-code"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
          />
          {form.errors.form && <Alert tone="error">{form.errors.form}</Alert>}
          <Button type="submit" variant="primary" className="btn-block" busy={form.pending}>
            {t('login.verify')}
          </Button>
          <Button
            variant="ghost"
            className="btn-block"
            onClick={() => {
              setNeedsCode(false);
              setValues((v) => ({ ...v, password: '', totp_code: '' }));
              form.reset();
            }}
          >
            {t('common.back')}
          </Button>
        </form>
      </>
    );
  }

  return (
    <>
      <h1>{t('login.title')}</h1>
      {registered && <Alert tone="success">{t('login.registered')}</Alert>}
      <form onSubmit={form.handle(values)} noValidate>
        <TextField
          label={t('login.login')}
          value={values.login}
          onValue={set('login')}
          error={form.errors.fields.login}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
        />
        <TextField
          label={t('fields.password')}
          type="password"
          value={values.password}
          onValue={set('password')}
          error={form.errors.fields.password}
          autoComplete="current-password"
        />
        {form.errors.form && <Alert tone="error">{form.errors.form}</Alert>}
        <Button type="submit" variant="primary" className="btn-block" busy={form.pending}>
          {t('login.submit')}
        </Button>
      </form>
      {instance && instance.registration_mode !== 'closed' && (
        <p className="switch-link">
          {t('login.noAccount')} <Link to="/register">{t('register.title')}</Link>
        </p>
      )}
    </>
  );
}
