import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { useApiForm } from '../../lib/useApiForm';

/** Longest comment the server takes, in characters (code points, as the server counts). */
export const MAX_COMMENT = 2000;
const length = (s: string) => [...s.trim()].length;

interface CommentFormProps {
  /** Text to start from (editing); empty for a new comment. */
  initial?: string;
  label: string;
  submitLabel: string;
  send: (body: string) => Promise<unknown>;
  onSent: () => void;
  onCancel?: () => void;
}

/** Writes or edits a comment: 1–2,000 characters, checked before sending and by the server. */
export function CommentForm({ initial = '', label, submitLabel, send, onSent, onCancel }: CommentFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [body, setBody] = useState(initial);
  const form = useApiForm({
    fields: ['body'],
    validate: (v: { body: string }) => ({
      body: length(v.body) === 0 ? t('social.comments.empty') : length(v.body) > MAX_COMMENT ? t('social.comments.tooLong', { count: length(v.body) }) : undefined,
    }),
    submit: (v: { body: string }) => send(v.body.trim()),
    onSuccess: () => {
      setBody('');
      onSent();
    },
  });
  const error = form.errors.fields.body;
  const near = length(body) > MAX_COMMENT - 200;
  return (
    <form className="comment-form" onSubmit={form.handle({ body })} noValidate>
      <div className={`field${error ? ' field-invalid' : ''}`}>
        <label htmlFor={id}>{label}</label>
        <textarea
          id={id}
          rows={initial ? 3 : 2}
          value={body}
          placeholder={initial ? undefined : t('social.comments.placeholder')}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : near ? `${id}-count` : undefined}
          onChange={(e) => setBody(e.target.value)}
        />
        {near && !error && (
          <p className="field-hint" id={`${id}-count`}>
            {t('social.comments.left', { count: MAX_COMMENT - length(body) })}
          </p>
        )}
        {error && (
          <p className="field-error" id={`${id}-error`} role="alert">
            {error}
          </p>
        )}
      </div>
      {form.errors.form && <Alert tone="error">{form.errors.form}</Alert>}
      <div className="comment-form-actions">
        {onCancel && (
          <Button small onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        )}
        <Button small type="submit" variant="primary" busy={form.pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
