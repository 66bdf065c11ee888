import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { register } from '../../api/auth';
import { useInstance } from '../../api/queries';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { useApiForm } from '../../lib/useApiForm';
import { NewAccountFields } from './NewAccountFields';

const FIELDS = ['invite_code', 'username', 'display_name', 'email', 'password'] as const;

/** Create an account, as the server's registration mode allows (open, by invite, or closed). */
export function RegisterScreen() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { data: instance } = useInstance();
  const navigate = useNavigate();
  const inviteFromLink = params.get('invite') ?? '';
  const [values, setValues] = useState({
    invite_code: inviteFromLink,
    username: '',
    display_name: '',
    email: '',
    password: '',
  });
  const set = (name: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  const mode = instance?.registration_mode ?? 'open';
  const needsInvite = mode === 'invite';

  const form = useApiForm({
    fields: FIELDS,
    required: needsInvite ? ['invite_code', 'username', 'password'] : ['username', 'password'],
    typeToField: { invalid_invite: 'invite_code', username_taken: 'username', email_taken: 'email' },
    submit: (v: typeof values) =>
      register({
        username: v.username.trim(),
        password: v.password,
        email: v.email.trim() || undefined,
        display_name: v.display_name.trim() || undefined,
        invite_code: v.invite_code.trim() || undefined,
      }),
    onSuccess: (me) => navigate('/login', { state: { registered: me.username } }),
  });

  if (mode === 'closed') {
    return (
      <>
        <h1>{t('register.title')}</h1>
        <Alert tone="info">{t('register.closed')}</Alert>
        <p className="switch-link">
          {t('register.haveAccount')} <Link to="/login">{t('login.submit')}</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <h1>{t('register.title')}</h1>
      {needsInvite && !inviteFromLink && <p className="lead">{t('register.inviteOnly')}</p>}
      <form onSubmit={form.handle(values)} noValidate>
        {(needsInvite || inviteFromLink) && (
          <TextField
            label={t('register.inviteCode')}
            value={values.invite_code}
            onValue={set('invite_code')}
            error={form.errors.fields.invite_code}
            autoComplete="off"
            spellCheck={false}
          />
        )}
        <NewAccountFields values={values} set={set} errors={form.errors.fields} />
        {form.errors.form && <Alert tone="error">{form.errors.form}</Alert>}
        <Button type="submit" variant="primary" className="btn-block" busy={form.pending}>
          {t('register.submit')}
        </Button>
      </form>
      <p className="switch-link">
        {t('register.haveAccount')} <Link to="/login">{t('login.submit')}</Link>
      </p>
    </>
  );
}
