import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { patchMe } from '../api/me';
import { isProblem } from '../api/problem';
import { keys } from '../api/queries';
import { Alert } from '../components/Alert';
import { Button } from '../components/Button';
import { TextAreaField, TextField } from '../components/Field';
import { useApiForm } from '../lib/useApiForm';
import { useSignedInMe } from '../lib/useSignedInMe';
import { MyAchievementsCard } from './achievements/AchievementsCard';
import { AvatarEditor } from './profile/AvatarEditor';

const BIO_MAX = 500;

/** Edit your own name, e-mail, bio and photo; see your level, streak and badges. */
export default function ProfileScreen() {
  const { t } = useTranslation();
  const { me, etag } = useSignedInMe();
  const client = useQueryClient();
  const [values, setValues] = useState({ display_name: me.display_name ?? '', email: me.email ?? '', bio: me.bio ?? '' });
  const [saved, setSaved] = useState(false);
  const set = (name: keyof typeof values) => (value: string) => {
    setSaved(false);
    setValues((v) => ({ ...v, [name]: value }));
  };

  const form = useApiForm({
    fields: ['display_name', 'email', 'bio'],
    typeToField: { email_taken: 'email' },
    validate: (v: typeof values) => (v.bio.length > BIO_MAX ? { bio: t('fieldErrors.bio') } : {}),
    submit: async (v: typeof values) => {
      try {
        return await patchMe({ display_name: v.display_name.trim(), email: v.email.trim(), bio: v.bio }, etag);
      } catch (e) {
        // Changed elsewhere: load the latest version so the next save is based on it.
        if (isProblem(e, 'precondition_failed')) void client.invalidateQueries({ queryKey: keys.me });
        throw e;
      }
    },
    onSuccess: (result) => {
      client.setQueryData(keys.me, result);
      setValues({ display_name: result.me.display_name ?? '', email: result.me.email ?? '', bio: result.me.bio ?? '' });
      setSaved(true);
    },
  });

  return (
    <section className="screen">
      <h1>{t('profile.title')}</h1>
      <div className="card">
        <AvatarEditor me={me} />
      </div>
      <form className="card" onSubmit={form.handle(values)} noValidate>
        <p className="muted">
          {t('profile.username', { username: me.username })} · <Link to={`/u/${me.username}`}>{t('profile.viewPublic')}</Link>
        </p>
        <TextField
          label={t('fields.displayName')}
          value={values.display_name}
          onValue={set('display_name')}
          error={form.errors.fields.display_name}
          autoComplete="name"
          maxLength={64}
        />
        <TextField
          label={t('fields.email')}
          hint={t('profile.emailHint')}
          type="email"
          value={values.email}
          onValue={set('email')}
          error={form.errors.fields.email}
          autoComplete="email"
        />
        <TextAreaField
          label={t('fields.bio')}
          hint={t('profile.bioCount', { count: BIO_MAX - values.bio.length })}
          value={values.bio}
          onValue={set('bio')}
          error={form.errors.fields.bio}
          rows={4}
        />
        {form.errors.form && <Alert tone="error">{form.errors.form}</Alert>}
        {saved && <Alert tone="success">{t('common.saved')}</Alert>}
        <Button type="submit" variant="primary" className="btn-block" busy={form.pending}>
          {t('common.save')}
        </Button>
      </form>
      <div id="achievements">
        <MyAchievementsCard units={me.preferences.units} />
      </div>
    </section>
  );
}
