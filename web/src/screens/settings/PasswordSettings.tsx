import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changePassword } from '../../api/me';
import { keys } from '../../api/queries';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { useApiForm } from '../../lib/useApiForm';

const EMPTY = { current_password: '', new_password: '', confirm: '' };

/** Change the password; the server signs out every other session. */
export default function PasswordSettings() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [values, setValues] = useState(EMPTY);
  const set = (name: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [name]: value }));

  const form = useApiForm({
    fields: ['current_password', 'new_password', 'confirm'],
    required: ['current_password', 'new_password', 'confirm'],
    typeToField: { wrong_password: 'current_password' },
    validate: (v: typeof values) => (v.confirm && v.confirm !== v.new_password ? { confirm: t('settings.password.mismatch') } : {}),
    submit: (v: typeof values) => changePassword(v.current_password, v.new_password),
    onSuccess: () => {
      setValues(EMPTY);
      void client.invalidateQueries({ queryKey: keys.sessions });
    },
  });

  return (
    <form className="card" onSubmit={form.handle(values)} noValidate>
      <h2>{t('settings.password.title')}</h2>
      <p className="muted">{t('settings.password.intro')}</p>
      <TextField
        label={t('settings.password.current')}
        type="password"
        value={values.current_password}
        onValue={set('current_password')}
        error={form.errors.fields.current_password}
        autoComplete="current-password"
      />
      <TextField
        label={t('settings.password.new')}
        hint={t('hints.password')}
        type="password"
        value={values.new_password}
        onValue={set('new_password')}
        error={form.errors.fields.new_password}
        autoComplete="new-password"
      />
      <TextField
        label={t('settings.password.confirm')}
        type="password"
        value={values.confirm}
        onValue={set('confirm')}
        error={form.errors.fields.confirm}
        autoComplete="new-password"
      />
      {form.errors.form && <Alert tone="error">{form.errors.form}</Alert>}
      {form.succeeded && <Alert tone="success">{t('settings.password.changed')}</Alert>}
      <Button type="submit" variant="primary" className="btn-block" busy={form.pending}>
        {t('settings.password.submit')}
      </Button>
    </form>
  );
}
