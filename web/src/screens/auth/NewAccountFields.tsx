import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/Field';

export interface NewAccountValues {
  username: string;
  display_name: string;
  email: string;
  password: string;
}

/** Username, display name, e-mail and password of a new account (register and owner set-up). */
export function NewAccountFields({
  values,
  set,
  errors,
}: {
  values: NewAccountValues;
  set: (name: keyof NewAccountValues) => (value: string) => void;
  errors: Record<string, string | undefined>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t('fields.username')}
        hint={t('hints.username')}
        value={values.username}
        onValue={set('username')}
        error={errors.username}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
      />
      <TextField
        label={t('fields.displayNameOptional')}
        value={values.display_name}
        onValue={set('display_name')}
        error={errors.display_name}
        autoComplete="name"
        maxLength={64}
      />
      <TextField
        label={t('fields.emailOptional')}
        type="email"
        value={values.email}
        onValue={set('email')}
        error={errors.email}
        autoComplete="email"
      />
      <TextField
        label={t('fields.password')}
        hint={t('hints.password')}
        type="password"
        value={values.password}
        onValue={set('password')}
        error={errors.password}
        autoComplete="new-password"
      />
    </>
  );
}
