import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryImport } from '../../../api/imports';
import { useImports, useUndoImport } from '../../../api/importsQueries';
import { Alert, EmptyState, LoadError } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { LoadMore } from '../../../components/LoadMore';
import { Loading } from '../../../components/Spinner';
import { useFormat } from '../../../lib/format';
import { importProblem } from './importText';

function PastImport({ item, onUndone }: { item: HistoryImport; onUndone: (id: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [confirming, setConfirming] = useState(false);
  const undo = useUndoImport();
  const draft = item.status === 'draft';
  return (
    <li className="row">
      <div className="row-main">
        <p className="row-title">{item.file_name}</p>
        <p className="row-meta">
          <span>{t(`imports.format.${item.format}`)}</span>
          <span className={`imp-status imp-status-${item.status}`}>{t(`imports.status.${item.status}`)}</span>
          <span>{format.date(item.applied_at ?? item.created_at)}</span>
          <span>{item.status === 'applied' ? t('imports.created', { count: item.created }) : t('imports.workouts', { count: item.workouts })}</span>
        </p>
      </div>
      {item.status !== 'undone' && item.status !== 'applying' && (
        <Button small variant={draft ? 'ghost' : 'danger'} onClick={() => setConfirming(true)}>
          {draft ? t('imports.discard') : t('imports.undo')}
        </Button>
      )}
      <ConfirmDialog
        open={confirming}
        title={draft ? t('imports.discardTitle', { name: item.file_name }) : t('imports.undoTitle', { name: item.file_name })}
        confirmLabel={draft ? t('imports.discard') : t('imports.undo')}
        busy={undo.isPending}
        error={undo.error ? importProblem(t, undo.error) : null}
        onConfirm={() =>
          undo.mutate(item.id, {
            onSuccess: () => {
              setConfirming(false);
              onUndone(item.id);
            },
          })
        }
        onCancel={() => {
          undo.reset();
          setConfirming(false);
        }}
      >
        <p>{draft ? t('imports.discardBody') : t('imports.undoBody', { count: item.created })}</p>
      </ConfirmDialog>
    </li>
  );
}

/** The member's imports with their status; an applied one can be undone, a draft discarded. */
export function PastImports({ onUndone }: { onUndone: (id: string) => void }) {
  const { t } = useTranslation();
  const list = useImports();
  const [undone, setUndone] = useState(false);
  return (
    <section className="card" aria-labelledby="imp-past-title">
      <h2 id="imp-past-title">{t('imports.pastTitle')}</h2>
      {undone && <Alert tone="success">{t('imports.undone')}</Alert>}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.items.length === 0 ? (
        <EmptyState>{t('imports.pastEmpty')}</EmptyState>
      ) : (
        <ul className="rows">
          {list.items.map((item) => (
            <PastImport
              key={item.id}
              item={item}
              onUndone={(id) => {
                setUndone(true);
                onUndone(id);
              }}
            />
          ))}
        </ul>
      )}
      <LoadMore list={list} />
    </section>
  );
}
