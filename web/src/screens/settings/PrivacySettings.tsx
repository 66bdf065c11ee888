import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { patchMe } from '../../api/me';
import { isProblem } from '../../api/problem';
import { keys } from '../../api/queries';
import type { Privacy } from '../../api/types';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { CheckboxField, ChoiceGroup } from '../../components/Field';
import { useApiForm } from '../../lib/useApiForm';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { LeaderboardSetting } from '../achievements/LeaderboardSetting';

const VISIBILITIES = ['public', 'members', 'followers', 'private'] as const;

/** Who may see the profile, whether it shows up in search, and whether on leaderboards. */
export default function PrivacySettings() {
  const { t } = useTranslation();
  const { me, etag } = useSignedInMe();
  const client = useQueryClient();
  const [values, setValues] = useState<Privacy>(me.privacy);
  const [saved, setSaved] = useState(false);

  const form = useApiForm({
    fields: ['profile_visibility', 'searchable'],
    submit: async (v: Privacy) => {
      try {
        return await patchMe({ privacy: v }, etag);
      } catch (e) {
        if (isProblem(e, 'precondition_failed')) void client.invalidateQueries({ queryKey: keys.me });
        throw e;
      }
    },
    onSuccess: (result) => {
      client.setQueryData(keys.me, result);
      setSaved(true);
    },
  });

  return (
    <>
    <form className="card" onSubmit={form.handle(values)} noValidate>
      <h2>{t('settings.privacy.title')}</h2>
      <ChoiceGroup
        legend={t('settings.privacy.visibility')}
        name="profile_visibility"
        value={values.profile_visibility}
        onValue={(v) => {
          setSaved(false);
          setValues((old) => ({ ...old, profile_visibility: v }));
        }}
        error={form.errors.fields.profile_visibility}
        options={VISIBILITIES.map((v) => ({
          value: v,
          label: t(`settings.privacy.${v}`),
          description: t(`settings.privacy.${v}Description`),
        }))}
      />
      <CheckboxField
        label={t('settings.privacy.searchable')}
        description={t('settings.privacy.searchableDescription')}
        checked={values.searchable}
        onChecked={(checked) => {
          setSaved(false);
          setValues((old) => ({ ...old, searchable: checked }));
        }}
      />
      {form.errors.form && <Alert tone="error">{form.errors.form}</Alert>}
      {saved && <Alert tone="success">{t('common.saved')}</Alert>}
      <Button type="submit" variant="primary" className="btn-block" busy={form.pending}>
        {t('common.save')}
      </Button>
    </form>
    <LeaderboardSetting />
    </>
  );
}
