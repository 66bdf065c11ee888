import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { CLUB_POLICIES, type ClubPolicy } from '../../api/clubs';
import { ChoiceGroup, TextAreaField, TextField } from '../../components/Field';
import { fieldProblem, formErrors, type FormErrors } from '../../lib/problemText';

export interface ClubValues {
  name: string;
  description: string;
  policy: ClubPolicy;
}

const MAX_NAME = 80;
const MAX_DESCRIPTION = 1000;

/** Checks before sending: a name of 1–80 characters, a description of at most 1,000. */
export function checkClub(t: TFunction, v: ClubValues): Record<string, string> {
  const errors: Record<string, string> = {};
  const name = v.name.trim();
  if (!name) errors.name = t('fieldErrors.required');
  else if ([...name].length > MAX_NAME) errors.name = t('clubs.form.nameError');
  if ([...v.description.trim()].length > MAX_DESCRIPTION) errors.description = t('clubs.form.descriptionError');
  return errors;
}

/** The server's refusal spread over the club form, in the club's own words per field. */
export function clubErrors(t: TFunction, error: unknown): FormErrors {
  const errors = formErrors(t, error, ['name', 'description', 'policy']);
  if (fieldProblem(error, 'name')) errors.fields.name = t('clubs.form.nameError');
  if (fieldProblem(error, 'description')) errors.fields.description = t('clubs.form.descriptionError');
  return errors;
}

interface ClubFieldsProps {
  values: ClubValues;
  errors: Record<string, string>;
  onChange: (values: ClubValues) => void;
}

/** Name, description and who may join: the same fields to create a club and to change it. */
export function ClubFields({ values, errors, onChange }: ClubFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t('clubs.form.name')}
        hint={t('clubs.form.nameHint')}
        value={values.name}
        error={errors.name}
        autoComplete="off"
        onValue={(name) => onChange({ ...values, name })}
      />
      <TextAreaField
        label={t('clubs.form.description')}
        hint={t('clubs.form.descriptionHint')}
        value={values.description}
        error={errors.description}
        rows={3}
        onValue={(description) => onChange({ ...values, description })}
      />
      <ChoiceGroup<ClubPolicy>
        legend={t('clubs.form.policy')}
        name="club-policy"
        value={values.policy}
        onValue={(policy) => onChange({ ...values, policy })}
        error={errors.policy}
        options={CLUB_POLICIES.map((p) => ({ value: p, label: t(`clubs.policy.${p}`), description: t(`clubs.policyDescription.${p}`) }))}
      />
    </>
  );
}
