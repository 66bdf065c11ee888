import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createInvite } from '../../api/admin';
import { keys } from '../../api/queries';
import type { Invite, Role } from '../../api/types';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { SelectField, TextField } from '../../components/Field';
import { useApiForm } from '../../lib/useApiForm';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { assignableRoles } from './UserRow';

const EXPIRY_HOURS = [24, 72, 168, 720] as const;

export function NewInviteForm({ onCreated }: { onCreated: (invite: Invite) => void }) {
  const { t } = useTranslation();
  const { me } = useSignedInMe();
  const client = useQueryClient();
  const [values, setValues] = useState({ role: 'member' as Role, max_uses: '1', expires_in_hours: '168' });
  const form = useApiForm({
    fields: ['role', 'max_uses', 'expires_in_hours'],
    validate: (v: typeof values) => {
      const uses = Number(v.max_uses);
      return Number.isInteger(uses) && uses >= 1 && uses <= 1000 ? {} : { max_uses: t('fieldErrors.max_uses') };
    },
    submit: (v: typeof values) =>
      createInvite({ role: v.role, max_uses: Number(v.max_uses), expires_in_hours: Number(v.expires_in_hours) }),
    onSuccess: (invite) => {
      void client.invalidateQueries({ queryKey: keys.adminInvites });
      onCreated(invite);
    },
  });
  return (
    <form className="card" onSubmit={form.handle(values)} noValidate>
      <h2>{t('admin.invites.newTitle')}</h2>
      <div className="form-row">
        <SelectField
          label={t('admin.invites.role')}
          value={values.role}
          onValue={(role) => setValues((v) => ({ ...v, role: role as Role }))}
          error={form.errors.fields.role}
          options={assignableRoles(me).map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        />
        <TextField
          label={t('admin.invites.maxUses')}
          type="number"
          inputMode="numeric"
          min={1}
          max={1000}
          value={values.max_uses}
          onValue={(max_uses) => setValues((v) => ({ ...v, max_uses }))}
          error={form.errors.fields.max_uses}
        />
        <SelectField
          label={t('admin.invites.expiresIn')}
          value={values.expires_in_hours}
          onValue={(expires_in_hours) => setValues((v) => ({ ...v, expires_in_hours }))}
          error={form.errors.fields.expires_in_hours}
          options={EXPIRY_HOURS.map((h) => ({
            value: String(h),
            label: h < 48 ? t('admin.invites.hours', { count: h }) : t('admin.invites.days', { count: h / 24 }),
          }))}
        />
      </div>
      {form.errors.form && <Alert tone="error">{form.errors.form}</Alert>}
      <Button type="submit" variant="primary" className="btn-block" busy={form.pending}>
        {t('admin.invites.create')}
      </Button>
    </form>
  );
}
