import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { addComment, deleteComment, editComment, type Comment, type CommentSubject } from '../../api/social';
import { useComments, useCommentsChanged } from '../../api/socialQueries';
import { EmptyState, LoadError } from '../../components/Alert';
import { Avatar } from '../../components/Avatar';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { LoadMore } from '../../components/LoadMore';
import { Loading } from '../../components/Spinner';
import { personName, useFormat } from '../../lib/format';
import { problemMessage } from '../../lib/problemText';
import { ReportButton } from '../moderation/ReportButton';
import { CommentForm } from './CommentForm';
import { MentionText } from './MentionText';
import './social.css';

function CommentItem({ comment: c, onEdited, onDelete }: { comment: Comment; onEdited: () => void; onDelete: (c: Comment) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [editing, setEditing] = useState(false);
  const name = personName(c.author);
  return (
    <li className="comment" id={`comment-${c.id}`}>
      <Avatar name={c.author.display_name || c.author.username} size={32} />
      <div className="comment-main">
        <p className="comment-head">
          <Link to={`/u/${encodeURIComponent(c.author.username)}`} className="comment-author">
            {name}
          </Link>{' '}
          <time className="muted" dateTime={c.created_at} title={fmt.dateTime(c.created_at)}>
            {fmt.ago(c.created_at)}
          </time>
          {c.edited_at && <span className="muted"> · {t('social.comments.edited')}</span>}
        </p>
        {editing ? (
          <CommentForm
            initial={c.body}
            label={t('social.comments.editLabel')}
            submitLabel={t('common.save')}
            send={(body) => editComment(c.id, body)}
            onSent={() => {
              setEditing(false);
              onEdited();
            }}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <p className="comment-body">
            <MentionText body={c.body} />
          </p>
        )}
        {!editing && (
          <div className="comment-actions">
            {c.can_edit && (
              <button type="button" className="link-btn" aria-label={t('social.comments.editFor', { name })} onClick={() => setEditing(true)}>
                {t('social.comments.edit')}
              </button>
            )}
            {c.can_delete && (
              <button type="button" className="link-btn" aria-label={t('social.comments.deleteFor', { name })} onClick={() => onDelete(c)}>
                {t('social.comments.delete')}
              </button>
            )}
            {!c.can_edit && <ReportButton look="link" kind="comment" id={c.id} label={t('moderation.report.commentBy', { name })} />}
          </div>
        )}
      </div>
    </li>
  );
}

/**
 * A workout's or plan's comments, oldest first, and a form to add one. Authors edit their own;
 * the author or the owner of the workout or plan deletes. Opened as `#comments` or
 * `#comment-ID`, it scrolls there.
 */
export function Comments({ subject, count }: { subject: CommentSubject; count?: number }) {
  const { t } = useTranslation();
  const headingId = useId();
  const list = useComments(subject);
  const changed = useCommentsChanged(subject);
  const [deleting, setDeleting] = useState<Comment | null>(null);
  const remove = useMutation({ mutationFn: (c: Comment) => deleteComment(c.id), onSuccess: changed });
  const { hash } = useLocation();
  const loaded = list.isSuccess;
  useEffect(() => {
    if (!loaded || !hash.startsWith('#comment')) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1))) ?? document.getElementById('comments');
    target?.scrollIntoView?.({ block: 'start' });
  }, [loaded, hash]);

  let body;
  if (list.isPending) body = <Loading />;
  else if (list.isError) body = <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.items.length === 0) body = <EmptyState>{t('social.comments.none')}</EmptyState>;
  else
    body = (
      <>
        <ul className="comments">
          {list.items.map((c) => (
            <CommentItem key={c.id} comment={c} onEdited={changed} onDelete={setDeleting} />
          ))}
        </ul>
        <LoadMore list={list} />
      </>
    );
  const shown = count ?? (list.hasNextPage ? undefined : list.items.length);
  return (
    <section className="card comments-card" id="comments" aria-labelledby={headingId}>
      <h2 id={headingId}>{shown === undefined ? t('social.comments.title') : t('social.comments.titleCount', { count: shown })}</h2>
      {body}
      <CommentForm label={t('social.comments.add')} submitLabel={t('social.comments.post')} send={(text) => addComment(subject, text)} onSent={changed} />
      <ConfirmDialog
        open={deleting !== null}
        title={t('social.comments.deleteTitle')}
        confirmLabel={t('social.comments.delete')}
        busy={remove.isPending}
        error={remove.error ? problemMessage(t, remove.error) : null}
        onConfirm={() => deleting && remove.mutate(deleting, { onSuccess: () => setDeleting(null) })}
        onCancel={() => {
          setDeleting(null);
          remove.reset();
        }}
      >
        {deleting && (
          <blockquote className="comment-quote">
            <MentionText body={deleting.body} />
          </blockquote>
        )}
      </ConfirmDialog>
    </section>
  );
}
