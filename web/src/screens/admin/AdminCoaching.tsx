import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endCoaching, pairCoaching, type Coaching } from '../../api/coaching';
import { coachingKeys } from '../../api/coachingQueries';
import { isProblem } from '../../api/problem';
import { search } from '../../api/search';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { problemMessage } from '../../lib/problemText';
import { useApiForm } from '../../lib/useApiForm';
import { useDebounced } from '../search/useDebounced';

const clean = (s: string) => s.trim().replace(/^@/, '');

/** Usernames matching what is typed, offered under a field (people who may be found). */
function UserSuggestions({ id, text }: { id: string; text: string }) {
  const q = useDebounced(clean(text), 250);
  const suggestions = useQuery({
    queryKey: ['search', 'users', q],
    queryFn: () => search(q, ['users'], 6),
    enabled: q.length >= 2,
    staleTime: 30_000,
  });
  return (
    <datalist id={id}>
      {(suggestions.data?.items ?? []).map((h) => (
        <option key={h.id} value={h.id}>
          {h.title}
        </option>
      ))}
    </datalist>
  );
}

/**
 * Administrators pair a coach with a member directly: active at once, no request. The server
 * has no list of everyone's coaching, so only the pairing just made can be undone here; the
 * coach or the member ends coaching from their own screens.
 */
export default function AdminCoaching() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const coachList = useId();
  const memberList = useId();
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
        <TextField
          label={t('admin.coaching.coach')}
          hint={t('admin.coaching.coachHint')}
          value={values.coach}
          list={coachList}
          autoCapitalize="none"
          autoComplete="off"
          spellCheck={false}
          error={form.errors.fields.coach}
          onValue={(coach) => setValues((v) => ({ ...v, coach }))}
        />
        <UserSuggestions id={coachList} text={values.coach} />
        <TextField
          label={t('admin.coaching.member')}
          value={values.member}
          list={memberList}
          autoCapitalize="none"
          autoComplete="off"
          spellCheck={false}
          error={form.errors.fields.member}
          onValue={(member) => setValues((v) => ({ ...v, member }))}
        />
        <UserSuggestions id={memberList} text={values.member} />
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
