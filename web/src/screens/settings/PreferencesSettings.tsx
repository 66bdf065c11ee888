import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { analysisKeys } from '../../api/analysisQueries';
import { patchMe } from '../../api/me';
import { isProblem } from '../../api/problem';
import { keys } from '../../api/queries';
import type { Preferences } from '../../api/types';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ChoiceGroup, SelectField } from '../../components/Field';
import { LANGUAGES, setLanguage } from '../../i18n';
import { useApiForm } from '../../lib/useApiForm';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { formatLength, formatWeight } from '../../lib/units';

function timeZones(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  const all = new Set([...zones, 'UTC', current].filter(Boolean));
  return [...all].sort();
}

const WEEKLY_TARGETS = Array.from({ length: 14 }, (_, i) => i + 1);

/** Language, units, time zone, first day of the week and the weekly training target. */
export default function PreferencesSettings() {
  const { t, i18n } = useTranslation();
  const { me, etag } = useSignedInMe();
  const client = useQueryClient();
  const [values, setValues] = useState<Preferences>(me.preferences);
  const [saved, setSaved] = useState(false);
  const zones = useMemo(() => timeZones(values.timezone), [values.timezone]);
  const set = <K extends keyof Preferences>(name: K) => (value: Preferences[K]) => {
    setSaved(false);
    setValues((v) => ({ ...v, [name]: value }));
  };

  const form = useApiForm({
    fields: ['language', 'units', 'timezone', 'week_start', 'weekly_target'],
    submit: async (v: Preferences) => {
      try {
        return await patchMe({ preferences: v }, etag);
      } catch (e) {
        if (isProblem(e, 'precondition_failed')) void client.invalidateQueries({ queryKey: keys.me });
        throw e;
      }
    },
    onSuccess: (result) => {
      client.setQueryData(keys.me, result);
      // "This week: 1 of N" and the streak follow the weekly target.
      void client.invalidateQueries({ queryKey: analysisKeys.mine });
      setLanguage(result.me.preferences.language);
      setSaved(true);
    },
  });

  return (
    <form className="card" onSubmit={form.handle(values)} noValidate>
      <h2>{t('settings.preferences.title')}</h2>
      <SelectField
        label={t('common.language')}
        value={values.language}
        onValue={(v) => set('language')(v as Preferences['language'])}
        error={form.errors.fields.language}
        options={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`, { lng: l }) }))}
      />
      <ChoiceGroup
        legend={t('settings.preferences.units')}
        name="units"
        value={values.units}
        onValue={set('units')}
        error={form.errors.fields.units}
        options={[
          {
            value: 'metric',
            label: t('settings.preferences.metric'),
            description: t('settings.preferences.example', {
              weight: formatWeight(t, i18n.language, 100, 'metric'),
              length: formatLength(t, i18n.language, 0.4, 'metric'),
            }),
          },
          {
            value: 'imperial',
            label: t('settings.preferences.imperial'),
            description: t('settings.preferences.example', {
              weight: formatWeight(t, i18n.language, 100, 'imperial'),
              length: formatLength(t, i18n.language, 0.4, 'imperial'),
            }),
          },
        ]}
      />
      <SelectField
        label={t('settings.preferences.timezone')}
        value={values.timezone}
        onValue={set('timezone')}
        error={form.errors.fields.timezone}
        options={zones.map((z) => ({ value: z, label: z.replaceAll('_', ' ') }))}
      />
      <ChoiceGroup
        legend={t('settings.preferences.weekStart')}
        name="week_start"
        value={values.week_start}
        onValue={set('week_start')}
        error={form.errors.fields.week_start}
        options={[
          { value: 'monday', label: t('settings.preferences.monday') },
          { value: 'sunday', label: t('settings.preferences.sunday') },
        ]}
      />
      <SelectField
        label={t('settings.preferences.weeklyTarget')}
        hint={t('settings.preferences.weeklyTargetHint')}
        value={String(values.weekly_target)}
        onValue={(v) => set('weekly_target')(Number(v))}
        error={form.errors.fields.weekly_target}
        options={WEEKLY_TARGETS.map((n) => ({ value: String(n), label: t('settings.preferences.weeklyTargetOption', { count: n }) }))}
      />
      {form.errors.form && <Alert tone="error">{form.errors.form}</Alert>}
      {saved && <Alert tone="success">{t('common.saved')}</Alert>}
      <Button type="submit" variant="primary" className="btn-block" busy={form.pending}>
        {t('common.save')}
      </Button>
    </form>
  );
}
