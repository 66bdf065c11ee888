import { useTranslation } from 'react-i18next';
import type { HistoryImport } from '../../../api/imports';
import { useUndoImport } from '../../../api/importsQueries';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { useFormat } from '../../../lib/format';
import { importProblem } from './importText';

/** Step 2: what the dry run found — workouts, sets, dates, duplicates, and unreadable rows by line. */
export function ImportSummary({ draft, onNext, onDiscarded }: { draft: HistoryImport; onNext: () => void; onDiscarded: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const discard = useUndoImport();
  const problems = draft.problems.length + draft.more_problems;
  return (
    <section className="stack" aria-label={t('imports.summaryTitle')}>
      <h3>{t('imports.summaryTitle')}</h3>
      <p className="imp-file">{draft.file_name}</p>
      <ul className="imp-facts">
        <li>{t('imports.workouts', { count: draft.workouts })}</li>
        <li>{t('imports.sets', { count: draft.sets })}</li>
        {draft.routes > 0 && <li>{t('imports.routes', { count: draft.routes })}</li>}
        {draft.from && draft.to && <li>{t('imports.range', { from: format.date(draft.from), to: format.date(draft.to) })}</li>}
      </ul>
      {draft.contents && (
        <ul className="imp-facts imp-contents" aria-label={t('imports.contentsTitle')}>
          <li>{t('imports.exercises', { count: draft.contents.exercises })}</li>
          {draft.contents.gym_exercises > 0 && <li>{t('imports.gymExercises', { count: draft.contents.gym_exercises })}</li>}
          <li>{t('imports.plans', { count: draft.contents.plans })}</li>
          <li>{t('imports.measurements', { count: draft.contents.body_metrics })}</li>
        </ul>
      )}
      {draft.already_imported > 0 && <Alert tone="info">{t('imports.already', { count: draft.already_imported })}</Alert>}
      {problems > 0 ? (
        <details className="imp-problems">
          <summary>{t('imports.problems', { count: problems })}</summary>
          <p className="muted">{t('imports.problemsHint')}</p>
          <ul>
            {draft.problems.map((p) => (
              <li key={`${p.line}-${p.message}`}>
                <span className="imp-line">{t('imports.line', { line: p.line })}</span> {p.message}
              </li>
            ))}
          </ul>
          {draft.more_problems > 0 && <p className="muted">{t('imports.moreProblems', { count: draft.more_problems })}</p>}
        </details>
      ) : (
        <p className="muted">{t('imports.noProblems')}</p>
      )}
      {discard.error && <Alert tone="error">{importProblem(t, discard.error)}</Alert>}
      <div className="actions">
        <Button variant="primary" onClick={onNext}>
          {t('imports.next')}
        </Button>
        <Button variant="ghost" busy={discard.isPending} onClick={() => discard.mutate(draft.id, { onSuccess: onDiscarded })}>
          {t('imports.discard')}
        </Button>
      </div>
    </section>
  );
}
