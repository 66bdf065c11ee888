import { useTranslation } from 'react-i18next';
import type { Feedback } from '../../api/feedback';
import { useFormat } from '../../lib/format';

/** A status as a badge: new, planned or done. */
export function StatusBadge({ status }: { status: Feedback['status'] }) {
  const { t } = useTranslation();
  const tone = status === 'done' ? 'badge-success' : status === 'planned' ? 'badge-accent' : 'badge-muted';
  return <span className={`badge ${tone}`}>{t(`feedback.status.${status}`)}</span>;
}

/** One of the member's own messages: what they wrote, where, its status and the administrators' answer. */
export function FeedbackItem({ item }: { item: Feedback }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <li className="card feedback-item" aria-labelledby={`feedback-${item.id}`}>
      <p className="status-line" id={`feedback-${item.id}`}>
        <strong>{t(`feedback.kind.${item.kind}`)}</strong>
        <StatusBadge status={item.status} />
        <time className="muted" dateTime={item.created_at}>
          {fmt.date(item.created_at)}
        </time>
      </p>
      <p className="feedback-message">{item.message}</p>
      {item.screen && <p className="muted feedback-screen">{t('feedback.screen', { screen: item.screen })}</p>}
      {item.answer ? (
        <div className="feedback-answer">
          <p className="feedback-answer-head">
            {item.answered_at ? t('feedback.answeredOn', { date: fmt.date(item.answered_at) }) : t('feedback.answered')}
          </p>
          <p className="feedback-message">{item.answer}</p>
        </div>
      ) : (
        <p className="muted">{t('feedback.noAnswer')}</p>
      )}
    </li>
  );
}
