import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { disableTotp, regenerateRecoveryCodes, startTotpSetup } from '../../api/me';
import { keys } from '../../api/queries';
import { Alert } from '../../components/Alert';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { PasswordAction } from './PasswordAction';
import { RecoveryCodes } from './RecoveryCodes';
import { TotpEnrolment } from './TotpEnrolment';

type Step =
  | { kind: 'idle' }
  | { kind: 'scan'; secret: string; otpauthUrl: string }
  | { kind: 'codes'; codes: string[] };

/** Two-factor authentication with an authenticator app, and its recovery codes. */
export default function TwoFactorSettings() {
  const { t } = useTranslation();
  const { me } = useSignedInMe();
  const client = useQueryClient();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [disabled, setDisabled] = useState(false);
  const refreshMe = () => void client.invalidateQueries({ queryKey: keys.me });

  return (
    <div className="stack">
      <div className="card">
        <h2>{t('settings.security.title')}</h2>
        <p className="status-line">
          <span className={`badge ${me.totp_enabled ? 'badge-success' : 'badge-muted'}`}>
            {me.totp_enabled ? t('settings.security.on') : t('settings.security.off')}
          </span>
          {t('settings.security.intro')}
        </p>
        {disabled && !me.totp_enabled && <Alert tone="success">{t('settings.security.disabled')}</Alert>}
      </div>

      {step.kind === 'codes' && <RecoveryCodes codes={step.codes} onDone={() => setStep({ kind: 'idle' })} />}

      {step.kind === 'scan' && (
        <TotpEnrolment
          secret={step.secret}
          otpauthUrl={step.otpauthUrl}
          onEnabled={(codes) => {
            refreshMe();
            setStep({ kind: 'codes', codes });
          }}
          onCancel={() => setStep({ kind: 'idle' })}
        />
      )}

      {step.kind === 'idle' && !me.totp_enabled && (
        <PasswordAction
          title={t('settings.security.setupTitle')}
          body={t('settings.security.setupBody')}
          submitLabel={t('settings.security.setupSubmit')}
          action={startTotpSetup}
          onDone={(r) => {
            setDisabled(false);
            setStep({ kind: 'scan', secret: r.secret, otpauthUrl: r.otpauth_url });
          }}
        />
      )}

      {step.kind === 'idle' && me.totp_enabled && (
        <>
          <PasswordAction
            title={t('settings.security.regenerateTitle')}
            body={t('settings.security.regenerateBody')}
            submitLabel={t('settings.security.regenerateSubmit')}
            action={regenerateRecoveryCodes}
            onDone={(r) => setStep({ kind: 'codes', codes: r.recovery_codes })}
          />
          <PasswordAction
            title={t('settings.security.disableTitle')}
            body={t('settings.security.disableBody')}
            submitLabel={t('settings.security.disableSubmit')}
            danger
            action={disableTotp}
            onDone={() => {
              setDisabled(true);
              refreshMe();
            }}
          />
        </>
      )}
    </div>
  );
}
