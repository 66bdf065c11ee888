import { useTranslation } from 'react-i18next';

export function Spinner({ small }: { small?: boolean }) {
  return <span className={`spinner${small ? ' spinner-small' : ''}`} aria-hidden="true" />;
}

/** A loading indicator announced to screen readers. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status">
      <Spinner />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}
