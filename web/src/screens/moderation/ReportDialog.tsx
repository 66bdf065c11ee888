import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createReport, MAX_NOTE, REPORT_REASONS, type ReportKind, type ReportReason } from '../../api/moderation';
import { isProblem } from '../../api/problem';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ChoiceGroup, TextAreaField } from '../../components/Field';
import { fieldProblem, problemMessage } from '../../lib/problemText';

export interface ReportTarget {
  kind: ReportKind;
  /** The username for a member; the id of a workout, plan or comment. */
  id: string;
  /** What is reported, in words for the title: "@bob", "Leg day". */
  label: string;
}

interface ReportDialogProps {
  open: boolean;
  target: ReportTarget;
  onClose: () => void;
}

/** Why a report was refused, in words for the member. */
function refusal(t: ReturnType<typeof useTranslation>['t'], error: unknown): string {
  if (fieldProblem(error, 'id')?.code === 'own_item') return t('moderation.report.own');
  if (fieldProblem(error, 'details')) return t('moderation.report.detailsTooLong');
  if (isProblem(error) && error.status === 404) return t('moderation.report.gone');
  return problemMessage(t, error);
}

/**
 * Tells the gym's administrators about a member, workout, plan or comment: a reason and, if the
 * member wants, a few words. A modal <dialog>: focus stays inside, Escape closes it.
 */
export function ReportDialog({ open, target, onClose }: ReportDialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [reason, setReason] = useState<ReportReason | ''>('');
  const [details, setDetails] = useState('');
  const [local, setLocal] = useState<{ reason?: string; details?: string }>({});
  const send = useMutation({ mutationFn: () => createReport(target.kind, target.id, reason as ReportReason, details.trim()) });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    } else if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
    }
  }, [open]);

  const close = () => {
    setReason('');
    setDetails('');
    setLocal({});
    send.reset();
    onClose();
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
    >
      {open && (
        <div className="dialog-body">
          <h2 id={titleId}>{t(`moderation.report.title.${target.kind}`, { label: target.label })}</h2>
          {send.isSuccess ? (
            <>
              <Alert tone="success">{t('moderation.report.thanks')}</Alert>
              <div className="actions">
                <Button variant="primary" autoFocus onClick={close}>
                  {t('common.done')}
                </Button>
              </div>
            </>
          ) : (
            <form
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                const invalid: typeof local = {};
                if (!reason) invalid.reason = t('moderation.report.pickReason');
                if ([...details.trim()].length > MAX_NOTE) invalid.details = t('moderation.report.detailsTooLong');
                setLocal(invalid);
                if (invalid.reason || invalid.details) return;
                send.mutate();
              }}
            >
              <p className="muted">{t('moderation.report.intro')}</p>
              <ChoiceGroup<ReportReason | ''>
                legend={t('moderation.report.reason')}
                name={`${titleId}-reason`}
                value={reason}
                onValue={setReason}
                error={local.reason}
                options={REPORT_REASONS.map((r) => ({ value: r, label: t(`moderation.reason.${r}`), description: t(`moderation.reasonDescription.${r}`) }))}
              />
              <TextAreaField label={t('moderation.report.details')} hint={t('moderation.report.detailsHint')} value={details} error={local.details} rows={3} onValue={setDetails} />
              {send.isError && (
                <p className="field-error" role="alert">
                  {refusal(t, send.error)}
                </p>
              )}
              <div className="actions">
                <Button onClick={close}>{t('common.cancel')}</Button>
                <Button type="submit" variant="primary" busy={send.isPending}>
                  {t('moderation.report.send')}
                </Button>
              </div>
            </form>
          )}
        </div>
      )}
    </dialog>
  );
}
