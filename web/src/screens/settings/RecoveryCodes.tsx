import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { CopyButton } from '../../components/CopyButton';

function download(codes: string[], filename: string) {
  const url = URL.createObjectURL(new Blob([`${codes.join('\n')}\n`], { type: 'text/plain' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** One-time recovery codes, shown once with ways to keep them. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="card card-accent" role="status">
      <h3>{t('settings.security.codesTitle')}</h3>
      <p>{t('settings.security.codesBody', { count: codes.length })}</p>
      <ul className="recovery-codes" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <div className="actions">
        <CopyButton text={codes.join('\n')} />
        <Button onClick={() => download(codes, 'gymbox-recovery-codes.txt')}>{t('settings.security.download')}</Button>
        <Button variant="primary" onClick={onDone}>
          {t('settings.security.savedCodes')}
        </Button>
      </div>
    </div>
  );
}
