import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HistoryImport } from '../../../api/imports';
import { useImportProgress } from '../../../api/importsQueries';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';

/**
 * Step 4: what the import created. A large file is still being written when the apply answers
 * (`applying`): its progress is read again every second and shown as a bar until it ends.
 */
export function ImportDone({ result, onAnother, interval }: { result: HistoryImport; onAnother: () => void; interval?: number }) {
  const { t } = useTranslation();
  const running = result.status === 'applying';
  const polled = useImportProgress(result.id, interval);
  const now = running ? (polled.data ?? result) : result;
  if (now.status === 'applying') {
    return (
      <section className="stack" aria-label={t('imports.applyingTitle')}>
        <h3>{t('imports.applyingTitle')}</h3>
        <div className="imp-progress">
          <progress max={Math.max(now.workouts, 1)} value={now.applied_workouts} aria-label={t('imports.applyingTitle')} />
          <span aria-live="polite">{t('imports.applyingCount', { done: now.applied_workouts, total: now.workouts })}</span>
        </div>
        <p className="muted">{t('imports.applyingHint')}</p>
      </section>
    );
  }
  const c = now.contents;
  return (
    <section className="stack" aria-label={t('imports.doneTitle')}>
      <h3>{now.status === 'failed' ? t('imports.failedTitle') : t('imports.doneTitle')}</h3>
      {now.status === 'failed' && <Alert tone="error">{now.error ?? t('imports.failedTitle')}</Alert>}
      <Alert tone={now.status === 'failed' ? 'info' : 'success'}>
        {[
          t('imports.created', { count: now.created }),
          ...(now.skipped > 0 ? [t('imports.skipped', { count: now.skipped })] : []),
          ...(c
            ? [
                t('imports.createdExercises', { count: c.created_exercises }),
                t('imports.createdPlans', { count: c.created_plans }),
                t('imports.createdMeasurements', { count: c.created_body_metrics }),
              ]
            : []),
        ].join(', ')}
      </Alert>
      {c?.profile_applied && <p className="muted">{t('imports.profileTaken')}</p>}
      {!c && <p className="muted">{t('imports.privateNote')}</p>}
      <div className="actions">
        <Link className="btn btn-primary" to="/workouts">
          {t('imports.seeHistory')}
        </Link>
        <Button variant="ghost" onClick={onAnother}>
          {t('imports.another')}
        </Button>
      </div>
    </section>
  );
}
