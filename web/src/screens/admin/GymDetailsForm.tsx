import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GymLanguage, GymSettings, GymSettingsPatch, Units } from '../../api/gym';
import { useUpdateGymSettings } from '../../api/gymQueries';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ChoiceGroup, SelectField, TextField } from '../../components/Field';
import { LANGUAGES } from '../../i18n';
import { fieldProblem, formErrors } from '../../lib/problemText';
import { fieldRefusal } from './fieldRefusal';
import { TimeZoneField } from './TimeZoneField';

type Details = Pick<GymSettings, 'name' | 'default_language' | 'units' | 'timezone'>;
const FIELDS = ['name', 'default_language', 'units', 'timezone'] as const;
/** At most this many characters of the gym's name. */
export const MAX_NAME = 80;

/** Only what changed is sent. */
function changes(from: Details, to: Details): GymSettingsPatch {
  const patch: GymSettingsPatch = {};
  if (to.name.trim() !== from.name) patch.name = to.name.trim();
  if (to.default_language !== from.default_language) patch.default_language = to.default_language;
  if (to.units !== from.units) patch.units = to.units;
  if (to.timezone !== from.timezone) patch.timezone = to.timezone;
  return patch;
}

/** The gym's name, and the language, units and time zone new members start with. */
export function GymDetailsForm({ settings }: { settings: GymSettings }) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState<Details>(() => ({
    name: settings.name,
    default_language: settings.default_language,
    units: settings.units,
    timezone: settings.timezone,
  }));
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useUpdateGymSettings();
  const server = formErrors(t, save.error, FIELDS);
  const nameProblem = fieldProblem(save.error, 'name');
  const errors: Record<string, string | undefined> = {
    ...server.fields,
    ...(nameProblem ? { name: fieldRefusal(t, i18n.language, nameProblem, 'admin.settings.nameInvalid') } : {}),
    ...local,
  };
  const set = <K extends keyof Details>(name: K) => (value: Details[K]) => {
    save.reset();
    setValues((v) => ({ ...v, [name]: value }));
  };
  const patch = changes(settings, values);
  return (
    <form
      className="card"
      noValidate
      aria-labelledby="gym-details-title"
      onSubmit={(e) => {
        e.preventDefault();
        const name = values.name.trim();
        const invalid: Record<string, string> = {};
        if (!name) invalid.name = t('fieldErrors.required');
        else if ([...name].length > MAX_NAME) invalid.name = t('admin.settings.nameInvalid');
        setLocal(invalid);
        if (Object.keys(invalid).length > 0 || Object.keys(patch).length === 0) {
          save.reset();
          return;
        }
        save.mutate(patch);
      }}
    >
      <h2 id="gym-details-title">{t('admin.settings.detailsTitle')}</h2>
      <TextField label={t('admin.settings.name')} value={values.name} onValue={set('name')} error={errors.name} maxLength={MAX_NAME} autoComplete="organization" />
      <SelectField
        label={t('admin.settings.language')}
        hint={t('admin.settings.languageHint')}
        value={values.default_language}
        onValue={(v) => set('default_language')(v as GymLanguage)}
        error={errors.default_language}
        options={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`, { lng: l }) }))}
      />
      <ChoiceGroup<Units>
        legend={t('admin.settings.units')}
        name="gym-units"
        value={values.units}
        onValue={set('units')}
        error={errors.units}
        options={[
          { value: 'metric', label: t('settings.preferences.metric') },
          { value: 'imperial', label: t('settings.preferences.imperial') },
        ]}
      />
      <TimeZoneField value={values.timezone} onValue={set('timezone')} error={errors.timezone} />
      {server.form && <Alert tone="error">{server.form}</Alert>}
      {save.isSuccess && <Alert tone="success">{t('common.saved')}</Alert>}
      <Button type="submit" variant="primary" className="btn-block" busy={save.isPending} disabled={!save.isPending && Object.keys(patch).length === 0}>
        {t('common.save')}
      </Button>
    </form>
  );
}
