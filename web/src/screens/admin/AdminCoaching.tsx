import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endCoaching, pairCoaching, type Coaching } from '../../api/coaching';
import { coachingKeys } from '../../api/coachingQueries';
import { isProblem } from '../../api/problem';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { cleanUsername as clean, UsernameField } from '../../components/UsernameField';
import { problemMessage } from '../../lib/problemText';
import { useApiForm } from '../../lib/useApiForm';

/**
 * Administrators pair a coach with a member directly: active at once, no request. The server
 * has no list of everyone's coaching, so only the pairing just made can be undone here; the
 * coach or the member ends coaching from their own screens.
 */
export default function AdminCoaching() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [values, setValues] = useState({ coach: '', member: '' });
  const [made, setMade] = useState<Coaching | null>(null);
  const form = useApiForm({
    fields: ['coach', 'member'],
    required: ['coach', 'member'],
    typeToField: { coaching_exists: 'member' },
    validate: (v: typeof values) => ({
      member: clean(v.coach) && clean(v.coach).toLowerCase() === clean(v.member).toLowerCase() ? t('admin.coaching.self') : undefined,
    }),
    submit: (v: typeof values) => pairCoaching(clean(v.coach), clean(v.member)),
    onSuccess: (c) => {
      setMade(c);
      setValues({ coach: '', member: '' });
      void client.invalidateQueries({ queryKey: coachingKeys.all });
    },
  });
  const undo = useMutation({
    mutationFn: (c: Coaching) =>
      endCoaching(c.id).catch((e) => {
        if (isProblem(e) && e.status === 404) return undefined;
        throw e;
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: coachingKeys.all }),
  });

  return (
    <form
      className="card"
      noValidate
      onSubmit={(e) => {
        setMade(null);
        undo.reset();
        form.handle(values)(e);
      }}
    >
      <h2>{t('admin.coaching.title')}</h2>
      <p className="muted">{t('admin.coaching.intro')}</p>
      <div className="form-row">
        <UsernameField
          label={t('admin.coaching.coach')}
          hint={t('admin.coaching.coachHint')}
          value={values.coach}
          error={form.errors.fields.coach}
          onValue={(coach) => setValues((v) => ({ ...v, coach }))}
        />
        <UsernameField
          label={t('admin.coaching.member')}
          value={values.member}
          error={form.errors.fields.member}
          onValue={(member) => setValues((v) => ({ ...v, member }))}
        />
      </div>
      {form.errors.form && <Alert tone="error">{form.errors.form}</Alert>}
      {made && (
        <Alert tone="success">
          {undo.isSuccess
            ? t('admin.coaching.undone', { coach: made.coach.username, member: made.member.username })
            : t('admin.coaching.done', { coach: made.coach.username, member: made.member.username })}{' '}
          {!undo.isSuccess && (
            <Button small busy={undo.isPending} onClick={() => undo.mutate(made)}>
              {t('admin.coaching.undo')}
            </Button>
          )}
        </Alert>
      )}
      {undo.error && <Alert tone="error">{problemMessage(t, undo.error)}</Alert>}
      <Button type="submit" variant="primary" className="btn-block" busy={form.pending}>
        {t('admin.coaching.submit')}
      </Button>
      <p className="muted">{t('admin.coaching.endHint')}</p>
    </form>
  );
}
