import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createAccount, type AssignableRole, type CreatedAccount } from '../../api/gym';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { SelectField, TextField } from '../../components/Field';
import { passwordRefusal } from '../../lib/passwordProblem';
import { useApiForm } from '../../lib/useApiForm';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { ResetLinkNotice } from './ResetLinkNotice';
import { assignableRoles } from './UserRow';
import '../../i18n/admin';

const EMPTY = { username: '', display_name: '', email: '', role: 'member' as AssignableRole, password: '' };
const FIELDS = ['username', 'display_name', 'email', 'role', 'password'] as const;

/** What was made: the account, and the link to set a password when none was given. */
function Created({ created, onDone }: { created: CreatedAccount; onDone: () => void }) {
  const { t } = useTranslation();
  const { username } = created.user;
  return (
    <div className="card card-accent">
      <h2>{t('admin.users.createdTitle', { username })}</h2>
      {created.reset_link ? (
        <ResetLinkNotice link={created.reset_link} intro={t('admin.users.createdLink', { username })} onDone={onDone} />
      ) : (
        <>
          <p role="status">{t('admin.users.createdWithPassword', { username })}</p>
          <Button variant="primary" onClick={onDone}>
            {t('common.done')}
          </Button>
        </>
      )}
    </div>
  );
}

/**
 * An administrator makes an account for someone (closed registration, a front-desk sign-up).
 * Without a password the server answers with a one-time link the person sets theirs with.
 */
export function NewAccountForm() {
  const { t, i18n } = useTranslation();
  const { me } = useSignedInMe();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(EMPTY);
  const [created, setCreated] = useState<CreatedAccount | null>(null);
  const set = (name: keyof typeof EMPTY) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  const form = useApiForm({
    fields: FIELDS,
    required: ['username'],
    typeToField: { username_taken: 'username', email_taken: 'email' },
    submit: (v: typeof EMPTY) =>
      createAccount({
        username: v.username.trim(),
        role: v.role,
        display_name: v.display_name.trim() || undefined,
        email: v.email.trim() || undefined,
        password: v.password || undefined,
      }),
    onSuccess: (result) => {
      setCreated(result);
      setValues(EMPTY);
      void client.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
  });
  const close = () => {
    setCreated(null);
    setOpen(false);
    form.reset();
  };

  if (created) return <Created created={created} onDone={close} />;
  if (!open) {
    return (
      <div className="new-account-open">
        <Button variant="primary" onClick={() => setOpen(true)}>
          {t('admin.users.newAccount')}
        </Button>
      </div>
    );
  }
  const passwordError = passwordRefusal(t, i18n.language, form.error) ?? form.errors.fields.password;
  return (
    <form className="card" onSubmit={form.handle(values)} noValidate aria-labelledby="new-account-title">
      <h2 id="new-account-title">{t('admin.users.newAccount')}</h2>
      <div className="form-row">
        <TextField
          label={t('fields.username')}
          hint={t('hints.username')}
          value={values.username}
          onValue={set('username')}
          error={form.errors.fields.username}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
        />
        <TextField
          label={t('fields.displayNameOptional')}
          value={values.display_name}
          onValue={set('display_name')}
          error={form.errors.fields.display_name}
          autoComplete="off"
          maxLength={64}
        />
      </div>
      <div className="form-row">
        <TextField
          label={t('fields.emailOptional')}
          type="email"
          value={values.email}
          onValue={set('email')}
          error={form.errors.fields.email}
          autoComplete="off"
        />
        <SelectField
          label={t('admin.users.role')}
          value={values.role}
          onValue={set('role')}
          error={form.errors.fields.role}
          options={assignableRoles(me).map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        />
      </div>
      <TextField
        label={t('admin.users.passwordOptional')}
        hint={t('admin.users.passwordHint')}
        type="password"
        value={values.password}
        onValue={set('password')}
        error={passwordError}
        autoComplete="new-password"
      />
      {form.errors.form && <Alert tone="error">{form.errors.form}</Alert>}
      <div className="actions">
        <Button onClick={close}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.pending}>
          {t('admin.users.create')}
        </Button>
      </div>
    </form>
  );
}
