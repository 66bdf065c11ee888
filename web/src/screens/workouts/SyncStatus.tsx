import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/queries';
import { Button } from '../../components/Button';
import { problemMessage } from '../../lib/problemText';
import type { WorkoutMutation } from '../../lib/workoutModel';
import { bindQueryClient, tidyDevice, useOutboxState, workoutOutbox } from '../../lib/workoutSync';
import { CloudOffIcon, SyncIcon } from '../../components/icons';

const subscribeOnline = (fn: () => void) => {
  window.addEventListener('online', fn);
  window.addEventListener('offline', fn);
  return () => {
    window.removeEventListener('online', fn);
    window.removeEventListener('offline', fn);
  };
};

export const useOnline = () => useSyncExternalStore(subscribeOnline, () => navigator.onLine !== false, () => true);

/** Starts sending the signed-in person's queued workout changes (mounted once, in the shell). */
export function useOutboxOwner() {
  const client = useQueryClient();
  const { data } = useMe();
  const owner = data?.me.id ?? null;
  useEffect(() => {
    bindQueryClient(client);
  }, [client]);
  useEffect(() => workoutOutbox.connect(window), []);
  useEffect(() => {
    void workoutOutbox.setOwner(owner);
  }, [owner]);
  // Old finished workouts leave the device at start (and after each sync, see workoutSync).
  useEffect(() => void tidyDevice(), []);
}

function failureKey(m: WorkoutMutation): string {
  switch (m.kind) {
    case 'createWorkout':
      return 'sync.failed.createWorkout';
    case 'updateWorkout':
      return 'sync.failed.updateWorkout';
    case 'deleteWorkout':
      return 'sync.failed.deleteWorkout';
    case 'addSet':
      return 'sync.failed.addSet';
    case 'updateSet':
      return 'sync.failed.updateSet';
    case 'deleteSet':
      return 'sync.failed.deleteSet';
  }
}

/**
 * "N changes waiting to sync" / offline, in the top bar (never over the screen's controls).
 * Nothing shows while everything is saved.
 */
export function SyncStatus() {
  const { t } = useTranslation();
  useOutboxOwner();
  const online = useOnline();
  const state = useOutboxState();
  const count = state.entries.length;
  let label: string | null = null;
  // What fits a phone's top bar beside the other buttons; the whole sentence is read out.
  let short: string | null = null;
  if (!online) {
    label = count > 0 ? t('sync.offlineWaiting', { count }) : t('sync.offline');
    short = count > 0 ? t('sync.offlineShort', { count }) : label;
  } else if (count > 0) {
    label = state.sending ? t('sync.sending', { count }) : t('sync.waiting', { count });
    short = state.sending ? t('sync.sendingShort', { count }) : t('sync.waitingShort', { count });
  }
  return (
    <>
      <div className="wk-sync" role="status" aria-live="polite">
        {label &&
          (online && !state.sending ? (
            <button type="button" className="wk-sync-pill" onClick={() => void workoutOutbox.retryNow()} data-testid="sync-status">
              <SyncIcon />
              <span aria-hidden="true">{short}</span>
              <span className="visually-hidden">
                {label} {t('sync.retryNow')}
              </span>
            </button>
          ) : (
            <span className={`wk-sync-pill${online ? '' : ' wk-sync-offline'}`} data-testid="sync-status">
              {online ? <SyncIcon /> : <CloudOffIcon />}
              <span aria-hidden="true">{short}</span>
              <span className="visually-hidden">{label}</span>
            </span>
          ))}
      </div>
    </>
  );
}

/**
 * Changes the server refused for good, at the top of the screen's content (in its flow, so they
 * cover nothing) until dismissed.
 */
export function SyncFailures() {
  const { t } = useTranslation();
  const state = useOutboxState();
  if (state.failures.length === 0) return null;
  return (
    <div className="wk-sync-failures" role="alert">
      {state.failures.map((f) => (
        <div key={f.id} className="alert alert-error wk-sync-failure">
          <p>
            <strong>{t(failureKey(f.mutation))}</strong> {problemMessage(t, f.error)}
          </p>
          <Button small onClick={() => workoutOutbox.dismissFailure(f.id)}>
            {t('sync.dismiss')}
          </Button>
        </div>
      ))}
    </div>
  );
}
