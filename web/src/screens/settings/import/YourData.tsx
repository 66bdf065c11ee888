import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createCalendarFeed, deleteCalendarFeed, EXPORT_URL, getCalendarFeed } from '../../../api/imports';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { CopyButton } from '../../../components/CopyButton';
import { useFormat } from '../../../lib/format';
import { importProblem } from './importText';

const FEED_KEY = ['me', 'calendar'] as const;

/** Taking your data with you (a ZIP of everything) and planned sessions in a calendar app. */
export function YourData() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useQueryClient();
  const feed = useQuery({ queryKey: FEED_KEY, queryFn: getCalendarFeed });
  const [url, setUrl] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const make = useMutation({
    mutationFn: createCalendarFeed,
    onSuccess: (made) => {
      setUrl(made.url ?? null);
      client.setQueryData(FEED_KEY, { ...made, url: null });
    },
  });
  const stop = useMutation({
    mutationFn: deleteCalendarFeed,
    onSuccess: () => {
      setUrl(null);
      setConfirm(false);
      client.setQueryData(FEED_KEY, { active: false, created_at: null, url: null });
    },
  });
  const active = feed.data?.active ?? false;
  return (
    <>
      <section className="card stack" aria-labelledby="data-export">
        <h2 id="data-export">{t('imports.export.title')}</h2>
        <p className="muted">{t('imports.export.intro')}</p>
        <div className="actions">
          <a className="btn btn-primary" href={EXPORT_URL} download>
            {t('imports.export.download')}
          </a>
        </div>
      </section>
      <section className="card stack" aria-labelledby="data-calendar">
        <h2 id="data-calendar">{t('imports.calendar.title')}</h2>
        <p className="muted">{t('imports.calendar.intro')}</p>
        {feed.isError && <Alert tone="error">{importProblem(t, feed.error)}</Alert>}
        {active && feed.data?.created_at && !url && (
          <p>{t('imports.calendar.active', { date: fmt.date(feed.data.created_at) })}</p>
        )}
        {url && (
          <div className="stack">
            <Alert tone="success">{t('imports.calendar.made')}</Alert>
            <code className="imp-url">{url}</code>
            <CopyButton text={url} />
          </div>
        )}
        {make.isError && <Alert tone="error">{importProblem(t, make.error)}</Alert>}
        <div className="actions">
          <Button variant={active ? 'ghost' : 'primary'} busy={make.isPending} onClick={() => make.mutate()}>
            {active ? t('imports.calendar.renew') : t('imports.calendar.make')}
          </Button>
          {active && (
            <Button variant="danger" onClick={() => setConfirm(true)}>
              {t('imports.calendar.stop')}
            </Button>
          )}
        </div>
        <ConfirmDialog
          open={confirm}
          title={t('imports.calendar.stopTitle')}
          confirmLabel={t('imports.calendar.stop')}
          busy={stop.isPending}
          error={stop.isError ? importProblem(t, stop.error) : undefined}
          onConfirm={() => stop.mutate()}
          onCancel={() => setConfirm(false)}
        >
          {t('imports.calendar.stopBody')}
        </ConfirmDialog>
      </section>
    </>
  );
}
