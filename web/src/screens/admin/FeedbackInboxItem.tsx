import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FEEDBACK_STATUSES, MAX_MESSAGE, type Feedback, type FeedbackStatus } from '../../api/feedback';
import { useUpdateFeedback } from '../../api/feedbackQueries';
import { Button } from '../../components/Button';
import { TextAreaField } from '../../components/Field';
import { personName, useFormat } from '../../lib/format';
import { fieldProblem, problemMessage } from '../../lib/problemText';
import { fieldRefusal } from './fieldRefusal';
import { StatusBadge } from '../feedback/FeedbackItem';

/**
 * One message in the administrators' inbox: who sent what from which screen; its status, and
 * the answer the member is notified of (written or edited here).
 */
export function FeedbackInboxItem({ item, onMoved }: { item: Feedback; onMoved: (status: FeedbackStatus) => void }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const statusId = useId();
  const [answer, setAnswer] = useState(item.answer ?? '');
  const [local, setLocal] = useState<string | null>(null);
  const status = useUpdateFeedback();
  const save = useUpdateFeedback();
  const changed = answer.trim() !== (item.answer ?? '');
  const kind = t(`feedback.kind.${item.kind}`);
  const refused = fieldProblem(save.error, 'answer');
  const saveError = refused ? fieldRefusal(t, i18n.language, refused, 'admin.feedback.answerTooLong') : save.error ? problemMessage(t, save.error) : undefined;
  return (
    <li className="card feedback-item" aria-labelledby={`inbox-${item.id}`}>
      <h3 className="feedback-head" id={`inbox-${item.id}`}>
        {t('admin.feedback.itemTitle', {
          kind,
          name: item.author ? personName(item.author) : t('admin.reports.deletedAccount'),
        })}
      </h3>
      <p className="status-line">
        <StatusBadge status={item.status} />
        {item.author && <Link to={`/u/${encodeURIComponent(item.author.username)}`}>@{item.author.username}</Link>}
        <time className="muted" dateTime={item.created_at}>
          {fmt.dateTime(item.created_at)}
        </time>
      </p>
      <p className="feedback-message">{item.message}</p>
      {item.screen && (
        <p className="muted feedback-screen">
          {t('admin.feedback.screen')}{' '}
          {item.screen.startsWith('/') && !item.screen.startsWith('//') ? <Link to={item.screen}>{item.screen}</Link> : <code>{item.screen}</code>}
        </p>
      )}
      <div className="feedback-controls">
        <div className="field">
          <label htmlFor={statusId}>{t('admin.feedback.status')}</label>
          <select
            id={statusId}
            value={status.isPending && status.variables?.status ? status.variables.status : item.status}
            disabled={status.isPending}
            onChange={(e) => {
              const next = e.target.value as FeedbackStatus;
              status.mutate({ id: item.id, status: next }, { onSuccess: () => onMoved(next) });
            }}
          >
            {FEEDBACK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`feedback.status.${s}`)}
              </option>
            ))}
          </select>
          {status.error && (
            <p className="field-error" role="alert">
              {problemMessage(t, status.error)}
            </p>
          )}
        </div>
      </div>
      <form
        noValidate
        className="feedback-answer-form"
        onSubmit={(e) => {
          e.preventDefault();
          const text = answer.trim();
          // An empty answer removes the one given before (the button is off while nothing changed).
          const invalid = [...text].length > MAX_MESSAGE ? t('admin.feedback.answerTooLong') : null;
          setLocal(invalid);
          if (invalid) {
            save.reset();
            return;
          }
          save.mutate({ id: item.id, answer: text });
        }}
      >
        <TextAreaField
          label={t(item.answer ? 'admin.feedback.editAnswer' : 'admin.feedback.answer')}
          hint={item.answered_at ? t('admin.feedback.answeredOn', { date: fmt.dateTime(item.answered_at) }) : t('admin.feedback.answerHint')}
          value={answer}
          rows={3}
          error={local ?? saveError}
          onValue={(v) => {
            setLocal(null);
            save.reset();
            setAnswer(v);
          }}
        />
        {save.isSuccess && !changed && <p role="status">{t(item.answer ? 'admin.feedback.answerSaved' : 'admin.feedback.answerRemoved')}</p>}
        <Button type="submit" small variant="primary" busy={save.isPending} disabled={!save.isPending && !changed}>
          {t(!item.answer ? 'admin.feedback.sendAnswer' : answer.trim() ? 'admin.feedback.saveAnswer' : 'admin.feedback.removeAnswer')}
        </Button>
      </form>
    </li>
  );
}
