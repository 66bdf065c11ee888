import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createToken, listTokens, revokeToken } from '../../api/me';
import { keys, useCursorList } from '../../api/queries';
import type { ApiToken, CreatedToken } from '../../api/types';
import { Alert, EmptyState, LoadError } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CopyButton } from '../../components/CopyButton';
import { SelectField, TextField } from '../../components/Field';
import { Loading } from '../../components/Spinner';
import { useFormat } from '../../lib/format';
import { problemMessage } from '../../lib/problemText';
import { useApiForm } from '../../lib/useApiForm';
import { LoadMore } from '../../components/LoadMore';

const EXPIRY_DAYS = ['30', '90', '365', 'never'] as const;

function NewTokenForm({ onCreated }: { onCreated: (token: CreatedToken) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [values, setValues] = useState({ name: '', expires: '90' as string });
  const form = useApiForm({
    fields: ['name', 'expires_in_days'],
    required: ['name'],
    submit: (v: typeof values) => createToken(v.name.trim(), v.expires === 'never' ? undefined : Number(v.expires)),
    onSuccess: (token) => {
      setValues({ name: '', expires: '90' });
      void client.invalidateQueries({ queryKey: keys.tokens });
      onCreated(token);
    },
  });
  return (
    <form className="card" onSubmit={form.handle(values)} noValidate>
      <h3>{t('settings.tokens.newTitle')}</h3>
      <TextField
        label={t('settings.tokens.name')}
        hint={t('settings.tokens.nameHint')}
        value={values.name}
        onValue={(name) => setValues((v) => ({ ...v, name }))}
        error={form.errors.fields.name}
        maxLength={64}
        autoComplete="off"
      />
      <SelectField
        label={t('settings.tokens.expires')}
        value={values.expires}
        onValue={(expires) => setValues((v) => ({ ...v, expires }))}
        error={form.errors.fields.expires_in_days}
        options={EXPIRY_DAYS.map((d) => ({
          value: d,
          label: d === 'never' ? t('settings.tokens.never') : t('settings.tokens.days', { count: Number(d) }),
        }))}
      />
      {form.errors.form && <Alert tone="error">{form.errors.form}</Alert>}
      <Button type="submit" variant="primary" className="btn-block" busy={form.pending}>
        {t('settings.tokens.create')}
      </Button>
    </form>
  );
}

function CreatedTokenNotice({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="card card-accent" role="status">
      <h3>{t('settings.tokens.createdTitle', { name: token.name })}</h3>
      <p>{t('settings.tokens.createdBody')}</p>
      <code className="secret" data-testid="token-secret">
        {token.token}
      </code>
      <div className="actions">
        <CopyButton text={token.token} />
        <Button variant="primary" onClick={onDone}>
          {t('common.done')}
        </Button>
      </div>
    </div>
  );
}

function TokenRow({ token }: { token: ApiToken }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation({
    mutationFn: () => revokeToken(token.id),
    onSuccess: () => {
      setConfirming(false);
      void client.invalidateQueries({ queryKey: keys.tokens });
    },
  });
  return (
    <li className="row">
      <div className="row-main">
        <p className="row-title">{token.name}</p>
        <p className="row-meta">
          <span>{t('settings.tokens.created', { date: format.date(token.created_at) })}</span>
          <span>
            {token.last_used_at
              ? t('settings.tokens.lastUsed', { date: format.dateTime(token.last_used_at) })
              : t('settings.tokens.neverUsed')}
          </span>
          <span>
            {token.expires_at
              ? t('settings.tokens.expiresOn', { date: format.date(token.expires_at) })
              : t('settings.tokens.neverExpires')}
          </span>
        </p>
      </div>
      <Button small variant="danger" onClick={() => setConfirming(true)}>
        {t('settings.tokens.revoke')}
      </Button>
      <ConfirmDialog
        open={confirming}
        title={t('settings.tokens.revokeTitle', { name: token.name })}
        confirmLabel={t('settings.tokens.revoke')}
        busy={revoke.isPending}
        error={revoke.error ? problemMessage(t, revoke.error) : null}
        onConfirm={() => revoke.mutate()}
        onCancel={() => {
          revoke.reset();
          setConfirming(false);
        }}
      >
        <p>{t('settings.tokens.revokeBody')}</p>
      </ConfirmDialog>
    </li>
  );
}

/** Personal API tokens for scripts and other apps; a secret is shown once, right after creation. */
export default function TokensSettings() {
  const { t } = useTranslation();
  const list = useCursorList(keys.tokens, listTokens);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  return (
    <div className="stack">
      <div className="card">
        <h2>{t('settings.tokens.title')}</h2>
        <p className="muted">{t('settings.tokens.intro')}</p>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : list.items.length === 0 ? (
          <EmptyState>{t('settings.tokens.empty')}</EmptyState>
        ) : (
          <ul className="rows">
            {list.items.map((token) => (
              <TokenRow key={token.id} token={token} />
            ))}
          </ul>
        )}
        <LoadMore list={list} />
      </div>
      {created ? <CreatedTokenNotice token={created} onDone={() => setCreated(null)} /> : <NewTokenForm onCreated={setCreated} />}
    </div>
  );
}
