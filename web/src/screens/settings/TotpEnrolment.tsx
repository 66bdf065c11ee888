import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { enableTotp } from '../../api/me';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { QrCode } from '../../components/QrCode';
import { useApiForm } from '../../lib/useApiForm';

interface TotpEnrolmentProps {
  secret: string;
  otpauthUrl: string;
  onEnabled: (recoveryCodes: string[]) => void;
  onCancel: () => void;
}

/** Scan the QR code (or type the key), then prove it works with one code. */
export function TotpEnrolment({ secret, otpauthUrl, onEnabled, onCancel }: TotpEnrolmentProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState({ code: '' });
  const form = useApiForm({
    fields: ['code'],
    required: ['code'],
    typeToField: { wrong_code: 'code' },
    submit: (v: typeof values) => enableTotp(v.code.replace(/\s+/g, '')),
    onSuccess: (result) => onEnabled(result.recovery_codes),
  });
  return (
    <form className="card" onSubmit={form.handle(values)} noValidate>
      <h3>{t('settings.security.scanTitle')}</h3>
      <p>{t('settings.security.scanBody')}</p>
      <div className="qr-box">
        <QrCode text={otpauthUrl} label={t('settings.security.qrLabel')} />
      </div>
      <p className="muted">{t('settings.security.manualKey')}</p>
      <code className="secret" data-testid="totp-secret">
        {secret.replace(/(.{4})/g, '$1 ').trim()}
      </code>
      <TextField
        label={t('settings.security.code')}
        value={values.code}
        onValue={(code) => setValues({ code })}
        error={form.errors.fields.code}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={10}
      />
      {form.errors.form && <Alert tone="error">{form.errors.form}</Alert>}
      <Button type="submit" variant="primary" className="btn-block" busy={form.pending}>
        {t('settings.security.enable')}
      </Button>
      <Button variant="ghost" className="btn-block" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
    </form>
  );
}
