import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import type { Feedback } from '../../api/feedback';
import { useMyFeedback } from '../../api/feedbackQueries';
import { Alert, EmptyState, LoadError } from '../../components/Alert';
import { Button } from '../../components/Button';
import { LoadMore } from '../../components/LoadMore';
import { Loading } from '../../components/Spinner';
import { FeedbackItem } from './FeedbackItem';
import { SendFeedbackForm } from './SendFeedbackForm';
import '../../i18n/feedback';
import './feedback.css';

/** The screen a member came from (passed by the menu's link), unless it is this one. */
function cameFrom(state: unknown): string | null {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/feedback') ? from : null;
}

/** Send the gym an idea or a bug report, and read the answers to what one sent. */
export default function FeedbackScreen() {
  const { t } = useTranslation();
  const location = useLocation();
  const [from] = useState(() => cameFrom(location.state));
  const [sent, setSent] = useState<Feedback | null>(null);
  const list = useMyFeedback();
  let body;
  if (list.isPending) body = <Loading />;
  else if (list.isError) body = <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.items.length === 0) body = <EmptyState>{t('feedback.empty')}</EmptyState>;
  else
    body = (
      <>
        <ul className="feedback-list" aria-label={t('feedback.mine')}>
          {list.items.map((f) => (
            <FeedbackItem key={f.id} item={f} />
          ))}
        </ul>
        <LoadMore list={list} />
      </>
    );
  return (
    <section className="screen feedback-screen">
      <h1>{t('feedback.title')}</h1>
      {sent ? (
        <div className="card card-accent">
          <Alert tone="success">{t(sent.kind === 'bug' ? 'feedback.sentBug' : 'feedback.sentIdea')}</Alert>
          <Button onClick={() => setSent(null)}>{t('feedback.sendAnother')}</Button>
        </div>
      ) : (
        <SendFeedbackForm from={from} onSent={setSent} />
      )}
      <h2>{t('feedback.mine')}</h2>
      {body}
    </section>
  );
}
