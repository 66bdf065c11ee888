import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { useApiForm } from '../../lib/useApiForm';

interface PasswordActionProps<R> {
  title: string;
  body: string;
  submitLabel: string;
  danger?: boolean;
  action: (password: string) => Promise<R>;
  onDone: (result: R) => void;
}

/** A sensitive action confirmed with the current password. */
export function PasswordAction<R>({ title, body, submitLabel, danger, action, onDone }: PasswordActionProps<R>) {
  const { t } = useTranslation();
  const [values, setValues] = useState({ password: '' });
  const form = useApiForm({
    fields: ['password'],
    required: ['password'],
    typeToField: { wrong_password: 'password' },
    submit: (v: typeof values) => action(v.password),
    onSuccess: (result) => {
      setValues({ password: '' });
      onDone(result);
    },
  });
  return (
    <form className="card" onSubmit={form.handle(values)} noValidate>
      <h3>{title}</h3>
      <p className="muted">{body}</p>
      <TextField
        label={t('settings.security.password')}
        type="password"
        value={values.password}
        onValue={(password) => setValues({ password })}
        error={form.errors.fields.password}
        autoComplete="current-password"
      />
      {form.errors.form && <Alert tone="error">{form.errors.form}</Alert>}
      <Button type="submit" variant={danger ? 'danger' : 'primary'} className="btn-block" busy={form.pending}>
        {submitLabel}
      </Button>
    </form>
  );
}
