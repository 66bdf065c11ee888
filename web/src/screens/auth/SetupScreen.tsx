import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { setupOwner } from '../../api/auth';
import { keys, useInstance } from '../../api/queries';
import type { Instance } from '../../api/types';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { useApiForm } from '../../lib/useApiForm';
import { NewAccountFields } from './NewAccountFields';

const FIELDS = ['setup_code', 'username', 'display_name', 'email', 'password'] as const;

/** First run: the person holding the setup code printed by the server becomes the owner. */
export function SetupScreen() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { data: instance } = useInstance();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [values, setValues] = useState({
    setup_code: params.get('code') ?? '',
    username: '',
    display_name: '',
    email: '',
    password: '',
  });
  const set = (name: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [name]: value }));

  const form = useApiForm({
    fields: FIELDS,
    required: ['setup_code', 'username', 'password'],
    typeToField: { invalid_setup_code: 'setup_code', username_taken: 'username', email_taken: 'email' },
    submit: (v: typeof values) =>
      setupOwner({
        setup_code: v.setup_code.trim(),
        username: v.username.trim(),
        password: v.password,
        email: v.email.trim() || undefined,
        display_name: v.display_name.trim() || undefined,
      }),
    onSuccess: (result) => {
      client.setQueryData(keys.me, { me: result.user, etag: null });
      // Leave setup behind at once; the refetch confirms it.
      client.setQueryData(keys.instance, (old: Instance | undefined) => old && { ...old, needs_setup: false });
      void client.invalidateQueries({ queryKey: keys.instance });
      navigate('/', { replace: true });
    },
  });

  if (instance && !instance.needs_setup && !form.succeeded) {
    return (
      <>
        <h1>{t('setup.title')}</h1>
        <Alert tone="info">{t('setup.alreadyDone')}</Alert>
        <Link className="btn btn-primary btn-block" to="/login">
          {t('login.submit')}
        </Link>
      </>
    );
  }

  return (
    <>
      <h1>{t('setup.title')}</h1>
      <p className="lead">{t('setup.intro')}</p>
      <form onSubmit={form.handle(values)} noValidate>
        <TextField
          label={t('setup.code')}
          hint={t('setup.codeHint')}
          value={values.setup_code}
          onValue={set('setup_code')}
          error={form.errors.fields.setup_code}
          autoComplete="off"
          spellCheck={false}
        />
        <NewAccountFields values={values} set={set} errors={form.errors.fields} />
        {form.errors.form && <Alert tone="error">{form.errors.form}</Alert>}
        <Button type="submit" variant="primary" className="btn-block" busy={form.pending}>
          {t('setup.submit')}
        </Button>
      </form>
    </>
  );
}
