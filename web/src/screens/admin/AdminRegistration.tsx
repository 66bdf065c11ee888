import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getAdminSettings, setRegistrationMode } from '../../api/admin';
import { keys } from '../../api/queries';
import type { RegistrationMode } from '../../api/types';
import { Alert, LoadError } from '../../components/Alert';
import { ChoiceGroup } from '../../components/Field';
import { Loading } from '../../components/Spinner';
import { problemMessage } from '../../lib/problemText';

const MODES: RegistrationMode[] = ['open', 'invite', 'closed'];

/** Who may create an account: anyone, people with an invite, or nobody. */
export default function AdminRegistration() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const settings = useQuery({ queryKey: keys.adminSettings, queryFn: getAdminSettings });
  const change = useMutation({
    mutationFn: setRegistrationMode,
    onSuccess: (result) => {
      client.setQueryData(keys.adminSettings, result);
      void client.invalidateQueries({ queryKey: keys.instance });
    },
  });

  if (settings.isPending) return <Loading />;
  if (settings.isError) return <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  const { registration_mode: mode, registration_mode_locked: locked } = settings.data;

  return (
    <div className="card">
      <h2>{t('admin.registration.title')}</h2>
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
          value={change.isPending && change.variables ? change.variables : mode}
          disabled={change.isPending}
          onValue={(m) => change.mutate(m)}
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
