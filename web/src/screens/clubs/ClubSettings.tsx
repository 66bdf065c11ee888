import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Club } from '../../api/clubs';
import { useDeleteClub, useUpdateClub } from '../../api/clubsQueries';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { problemMessage } from '../../lib/problemText';
import { checkClub, ClubFields, clubErrors, type ClubValues } from './ClubFields';

/** For a club's admins: its name, description and who may join, and deleting it. */
export function ClubSettings({ club }: { club: Club }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const headingId = useId();
  const [values, setValues] = useState<ClubValues>({ name: club.name, description: club.description, policy: club.policy });
  const [local, setLocal] = useState<Record<string, string> | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const update = useUpdateClub(club.id);
  const remove = useDeleteClub(club.id);
  const errors = local ? { form: null, fields: local } : clubErrors(t, update.error);
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('clubs.settings.title')}</h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const invalid = checkClub(t, values);
          if (Object.keys(invalid).length > 0) {
            update.reset();
            setLocal(invalid);
            return;
          }
          setLocal(null);
          update.mutate({ name: values.name.trim(), description: values.description.trim(), policy: values.policy });
        }}
      >
        <ClubFields
          values={values}
          errors={errors.fields}
          onChange={(v) => {
            setValues(v);
            if (update.isSuccess) update.reset();
          }}
        />
        {update.isSuccess && <Alert tone="success">{t('clubs.settings.saved')}</Alert>}
        {errors.form && (
          <p className="field-error" role="alert">
            {errors.form}
          </p>
        )}
        <div className="actions">
          <Button type="submit" variant="primary" busy={update.isPending}>
            {t('common.save')}
          </Button>
          <Button variant="danger" onClick={() => setConfirmDelete(true)}>
            {t('clubs.settings.delete')}
          </Button>
        </div>
      </form>
      <ConfirmDialog
        open={confirmDelete}
        title={t('clubs.settings.deleteTitle', { name: club.name })}
        confirmLabel={t('clubs.settings.delete')}
        busy={remove.isPending}
        error={remove.error ? problemMessage(t, remove.error) : null}
        onConfirm={() => remove.mutate(undefined, { onSuccess: () => navigate('/clubs', { replace: true }) })}
        onCancel={() => {
          setConfirmDelete(false);
          remove.reset();
        }}
      >
        <p>{t('clubs.settings.deleteBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
