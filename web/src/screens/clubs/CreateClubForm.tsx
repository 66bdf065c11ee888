import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCreateClub } from '../../api/clubsQueries';
import { isProblem } from '../../api/problem';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { checkClub, ClubFields, clubErrors, type ClubValues } from './ClubFields';

const EMPTY: ClubValues = { name: '', description: '', policy: 'open' };

/**
 * A new club. Coaches and administrators may always create one, members only when the gym
 * allows it: everyone sees the form and a refusal says who may.
 */
export function CreateClubForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const titleId = useId();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<ClubValues>(EMPTY);
  const [local, setLocal] = useState<Record<string, string> | null>(null);
  const create = useCreateClub();
  const forbidden = isProblem(create.error) && create.error.status === 403;
  const errors = local ? { form: null, fields: local } : forbidden ? { form: null, fields: {} } : clubErrors(t, create.error);

  if (!open) {
    return (
      <div className="club-create-toggle">
        <Button variant="primary" onClick={() => setOpen(true)}>
          {t('clubs.create.open')}
        </Button>
      </div>
    );
  }
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('clubs.create.title')}</h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const invalid = checkClub(t, values);
          if (Object.keys(invalid).length > 0) {
            create.reset();
            setLocal(invalid);
            return;
          }
          setLocal(null);
          create.mutate(
            { name: values.name.trim(), description: values.description.trim(), policy: values.policy },
            { onSuccess: (club) => navigate(`/clubs/${club.id}`, { state: { created: true } }) },
          );
        }}
      >
        <ClubFields values={values} errors={errors.fields} onChange={setValues} />
        {forbidden && <Alert tone="error">{t('clubs.create.forbidden')}</Alert>}
        {errors.form && (
          <p className="field-error" role="alert">
            {errors.form}
          </p>
        )}
        <div className="actions">
          <Button type="submit" variant="primary" busy={create.isPending}>
            {t('clubs.create.submit')}
          </Button>
          <Button
            onClick={() => {
              setOpen(false);
              setValues(EMPTY);
              setLocal(null);
              create.reset();
            }}
          >
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </section>
  );
}
