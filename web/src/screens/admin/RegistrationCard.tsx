import { useTranslation } from 'react-i18next';
import type { GymSettings } from '../../api/gym';
import { useUpdateGymSettings } from '../../api/gymQueries';
import type { RegistrationMode } from '../../api/types';
import { Alert } from '../../components/Alert';
import { ChoiceGroup } from '../../components/Field';
import { problemMessage } from '../../lib/problemText';

const MODES: RegistrationMode[] = ['open', 'invite', 'closed'];

/**
 * Who may create an account: anyone, people with an invite, or nobody. A mode the server's
 * configuration fixes is shown with why it cannot be changed here.
 */
export function RegistrationCard({ settings }: { settings: GymSettings }) {
  const { t } = useTranslation();
  const change = useUpdateGymSettings();
  const { registration_mode: mode, registration_mode_locked: locked } = settings;
  const pending = change.isPending ? change.variables?.registration_mode : undefined;
  return (
    <div className="card" role="group" aria-labelledby="registration-title">
      <h2 id="registration-title">{t('admin.registration.title')}</h2>
      {locked ? (
        <>
          <p className="status-line">
            <span className="badge badge-accent">{t(`admin.registration.${mode}`)}</span>
            {t(`admin.registration.${mode}Description`)}
          </p>
          <Alert tone="info">{t('admin.registration.locked')}</Alert>
        </>
      ) : (
        <ChoiceGroup
          legend={t('admin.registration.legend')}
          name="registration_mode"
          value={pending ?? mode}
          disabled={change.isPending}
          onValue={(m) => change.mutate({ registration_mode: m })}
          error={change.error ? problemMessage(t, change.error) : undefined}
          options={MODES.map((m) => ({
            value: m,
            label: t(`admin.registration.${m}`),
            description: t(`admin.registration.${m}Description`),
          }))}
        />
      )}
      {change.isSuccess && <Alert tone="success">{t('common.saved')}</Alert>}
    </div>
  );
}
