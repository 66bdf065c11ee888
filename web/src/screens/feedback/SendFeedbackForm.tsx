import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FEEDBACK_KINDS, MAX_MESSAGE, MAX_SCREEN, type Feedback, type FeedbackKind } from '../../api/feedback';
import { useSendFeedback } from '../../api/feedbackQueries';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { CheckboxField, ChoiceGroup, TextAreaField } from '../../components/Field';
import { formErrors } from '../../lib/problemText';

const chars = (s: string) => [...s].length;

/**
 * An idea or a bug report for the gym's administrators; with the member's consent, the path of
 * the screen they came from (`from`), which helps to find a bug.
 */
export function SendFeedbackForm({ from, onSent }: { from: string | null; onSent: (f: Feedback) => void }) {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<FeedbackKind>('idea');
  const [message, setMessage] = useState('');
  const [withScreen, setWithScreen] = useState(false);
  const [local, setLocal] = useState<string | null>(null);
  const send = useSendFeedback();
  const server = formErrors(t, send.error, ['kind', 'message', 'screen']);
  const messageError = local ?? (server.fields.message ? t('feedback.messageInvalid', { max: MAX_MESSAGE.toLocaleString(i18n.language) }) : undefined);
  const length = chars(message.trim());
  return (
    <form
      className="card"
      noValidate
      aria-labelledby="send-feedback-title"
      onSubmit={(e) => {
        e.preventDefault();
        const text = message.trim();
        const invalid = !text ? t('feedback.messageNeeded') : chars(text) > MAX_MESSAGE ? t('feedback.messageInvalid', { max: MAX_MESSAGE.toLocaleString(i18n.language) }) : null;
        setLocal(invalid);
        if (invalid) {
          send.reset();
          return;
        }
        const screen = withScreen && from ? [...from].slice(0, MAX_SCREEN).join('') : undefined;
        send.mutate(
          { kind, message: text, screen },
          {
            onSuccess: (f) => {
              setMessage('');
              setWithScreen(false);
              onSent(f);
            },
          },
        );
      }}
    >
      <h2 id="send-feedback-title">{t('feedback.sendTitle')}</h2>
      <p className="muted">{t('feedback.intro')}</p>
      <ChoiceGroup<FeedbackKind>
        legend={t('feedback.kindLegend')}
        name="feedback-kind"
        value={kind}
        onValue={setKind}
        error={server.fields.kind}
        options={FEEDBACK_KINDS.map((k) => ({ value: k, label: t(`feedback.kind.${k}`), description: t(`feedback.kindDescription.${k}`) }))}
      />
      <TextAreaField
        label={t(kind === 'bug' ? 'feedback.messageBug' : 'feedback.messageIdea')}
        hint={t('feedback.count', { count: length, max: MAX_MESSAGE.toLocaleString(i18n.language) })}
        value={message}
        error={messageError}
        rows={5}
        onValue={(v) => {
          setLocal(null);
          setMessage(v);
        }}
      />
      {from && (
        <CheckboxField
          label={t('feedback.includeScreen')}
          description={<code>{from}</code>}
          checked={withScreen}
          onChecked={setWithScreen}
        />
      )}
      {(server.form || server.fields.screen) && <Alert tone="error">{server.form ?? server.fields.screen}</Alert>}
      <Button type="submit" variant="primary" className="btn-block" busy={send.isPending}>
        {t('feedback.send')}
      </Button>
    </form>
  );
}
