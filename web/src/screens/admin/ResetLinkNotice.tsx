import { useTranslation } from 'react-i18next';
import type { ResetLink } from '../../api/gym';
import { Button } from '../../components/Button';
import { CopyButton } from '../../components/CopyButton';
import { useFormat } from '../../lib/format';
import '../../i18n/admin';

/** A one-time link to set a password, to hand to its owner: the link, a copy button, its expiry. */
export function ResetLinkNotice({ link, intro, onDone }: { link: ResetLink; intro: string; onDone?: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className="reset-link" role="status">
      <p>{intro}</p>
      <code className="secret" data-testid="reset-link">
        {link.url}
      </code>
      <p className="muted">{t('admin.users.linkExpires', { date: fmt.dateTime(link.expires_at) })}</p>
      <div className="actions">
        <CopyButton small text={link.url} label={t('admin.users.copyLink')} />
        {onDone && (
          <Button small onClick={onDone}>
            {t('common.done')}
          </Button>
        )}
      </div>
    </div>
  );
}
