import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_NOTE, MODERATION_ACTIONS, NOTE_REQUIRED, type ModerationAction, type Report } from '../../api/moderation';
import { useResolveReport } from '../../api/moderationQueries';
import { isProblem } from '../../api/problem';
import { Button } from '../../components/Button';
import { ChoiceGroup, TextAreaField } from '../../components/Field';
import { fieldProblem, problemMessage } from '../../lib/problemText';

/** Why resolving failed, in words for the administrator, and which field it is about. */
function refusal(t: ReturnType<typeof useTranslation>['t'], error: unknown): { note?: string; form?: string } {
  if (!error) return {};
  if (fieldProblem(error, 'note')) return { note: t('admin.reports.noteNeeded') };
  if (isProblem(error) && error.status === 409) return { form: t('admin.reports.alreadyResolved') };
  return { form: problemMessage(t, error) };
}

/**
 * An administrator answers a report: dismiss it, hide the content (not a member), warn the
 * member or suspend their account, with a note the member is shown (required to warn or suspend).
 */
export function ResolveForm({ report, onResolved }: { report: Report; onResolved: (action: ModerationAction) => void }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<ModerationAction | ''>('');
  const [note, setNote] = useState('');
  const [local, setLocal] = useState<{ action?: string; note?: string }>({});
  const resolve = useResolveReport();
  const actions = MODERATION_ACTIONS.filter((a) => a !== 'hide' || report.kind !== 'user');
  const server = refusal(t, resolve.error);
  const noteError = local.note ?? server.note;
  return (
    <form
      noValidate
      className="report-resolve"
      onSubmit={(e) => {
        e.preventDefault();
        const invalid: typeof local = {};
        if (!action) invalid.action = t('admin.reports.pickAction');
        else if (NOTE_REQUIRED.includes(action) && !note.trim()) invalid.note = t('admin.reports.noteNeeded');
        if ([...note.trim()].length > MAX_NOTE) invalid.note = t('admin.reports.noteTooLong');
        setLocal(invalid);
        if (invalid.action || invalid.note || !action) {
          resolve.reset();
          return;
        }
        resolve.mutate({ id: report.id, action, note: note.trim() }, { onSuccess: () => onResolved(action) });
      }}
    >
      <ChoiceGroup<ModerationAction | ''>
        legend={t('admin.reports.action')}
        name={`resolve-${report.id}`}
        value={action}
        onValue={setAction}
        error={local.action}
        options={actions.map((a) => ({ value: a, label: t(`admin.reports.actions.${a}`), description: t(`admin.reports.actionDescriptions.${a}`) }))}
      />
      <TextAreaField
        label={t('admin.reports.note')}
        hint={t(action && NOTE_REQUIRED.includes(action) ? 'admin.reports.noteHintRequired' : 'admin.reports.noteHint')}
        value={note}
        error={noteError}
        rows={2}
        onValue={setNote}
      />
      {server.form && (
        <p className="field-error" role="alert">
          {server.form}
        </p>
      )}
      <Button type="submit" variant="primary" busy={resolve.isPending}>
        {t('admin.reports.resolve')}
      </Button>
    </form>
  );
}
