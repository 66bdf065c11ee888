import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReportDialog, type ReportTarget } from './ReportDialog';

interface ReportButtonProps extends ReportTarget {
  /** `link`: a small text button, as among a comment's actions; otherwise a ghost button. */
  look?: 'button' | 'link';
}

/** "Report" beside someone else's profile, workout, plan or comment, opening the report dialog. */
export function ReportButton({ look = 'button', ...target }: ReportButtonProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={look === 'link' ? 'link-btn' : 'btn btn-ghost btn-small'}
        aria-haspopup="dialog"
        aria-label={t(`moderation.report.title.${target.kind}`, { label: target.label })}
        onClick={() => setOpen(true)}
      >
        {t('moderation.report.button')}
      </button>
      <ReportDialog open={open} target={target} onClose={() => setOpen(false)} />
    </>
  );
}
