import { useSyncExternalStore } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import { ApiProblem } from '../api/problem';
import { addSet, createWorkout, deleteSet, deleteWorkout, updateSet, updateWorkout } from '../api/training';
import type { Workout, WorkoutDetail, WorkoutSet } from '../api/types';
import { openKv, openStore, type KvStore, type KeyedStore } from './idb';
import { Outbox, type Stored, type Verdict } from './outbox';
import type { LocalWorkout, WorkoutMutation } from './workoutModel';

/** Sends one queued change. A delete of something already gone counts as done. */
export async function sendMutation(m: WorkoutMutation): Promise<unknown> {
  try {
    switch (m.kind) {
      case 'createWorkout':
        return await createWorkout(m.body);
      case 'updateWorkout':
        return await updateWorkout(m.workoutId, m.body);
      case 'deleteWorkout':
        return await deleteWorkout(m.workoutId);
      case 'addSet':
        return await addSet(m.workoutId, m.set);
      case 'updateSet':
        return await updateSet(m.workoutId, m.setId, m.body);
      case 'deleteSet':
        return await deleteSet(m.workoutId, m.setId);
    }
  } catch (e) {
    if ((m.kind === 'deleteSet' || m.kind === 'deleteWorkout') && e instanceof ApiProblem && e.status === 404) return null;
    throw e;
  }
}

/** Network trouble and server hiccups are retried; a signed-out session waits; the rest fails for good. */
export function mutationVerdict(error: unknown): Verdict {
  if (!(error instanceof ApiProblem)) return 'retry';
  if (error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500) return 'retry';
  if (error.status === 401) return 'wait';
  return 'fail';
}

/** A later change cannot succeed once the workout or set it builds on was refused. */
export function mutationDependsOn(later: WorkoutMutation, failed: WorkoutMutation): boolean {
  if (later.workoutId !== failed.workoutId) return false;
  if (failed.kind === 'createWorkout' || failed.kind === 'deleteWorkout') return true;
  if (failed.kind === 'addSet') return (later.kind === 'updateSet' || later.kind === 'deleteSet') && later.setId === failed.set.id;
  return false;
}

type Listener = () => void;

/** Workouts known on this device (IndexedDB), with an in-memory copy screens subscribe to. */
export class LocalWorkouts {
  private cache = new Map<string, LocalWorkout | null>();
  private listeners = new Set<Listener>();
  private loading = new Map<string, Promise<LocalWorkout | null>>();

  constructor(private readonly kv: KvStore<LocalWorkout>) {}

  subscribe = (l: Listener) => {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  };

  /** undefined while it is being read from storage, null when this device does not know it. */
  peek = (id: string): LocalWorkout | null | undefined => this.cache.get(id);

  load(id: string): Promise<LocalWorkout | null> {
    if (this.cache.has(id)) return Promise.resolve(this.cache.get(id) ?? null);
    let p = this.loading.get(id);
    if (!p) {
      p = this.kv
        .get(id)
        .catch(() => undefined)
        .then((w) => {
          if (!this.cache.has(id)) this.cache.set(id, w ?? null);
          this.loading.delete(id);
          this.emit();
          return this.cache.get(id) ?? null;
        });
      this.loading.set(id, p);
    }
    return p;
  }

  async all(): Promise<LocalWorkout[]> {
    const rows = await this.kv.all().catch(() => []);
    const merged = new Map<string, LocalWorkout | null>(rows.map((r) => [r.key, r.value]));
    for (const [key, value] of this.cache) merged.set(key, value);
    return [...merged.values()].filter((w): w is LocalWorkout => !!w);
  }

  /** Changes a workout in memory at once and in storage right after. */
  async update(id: string, fn: (w: LocalWorkout | null) => LocalWorkout | null): Promise<void> {
    const current = this.cache.has(id) ? (this.cache.get(id) ?? null) : await this.load(id);
    const next = fn(current);
    if (next === current) return;
    this.cache.set(id, next ? { ...next, savedAt: Date.now() } : null);
    this.emit();
    try {
      if (next) await this.kv.set(id, this.cache.get(id)!);
      else await this.kv.delete(id);
    } catch {
      // storage full or unavailable: the in-memory copy still works for this visit
    }
  }

  private emit() {
    for (const l of this.listeners) l();
  }
}

export const localWorkouts = new LocalWorkouts(openKv<LocalWorkout>('gymbox-workouts', 'workouts'));

let queryClient: QueryClient | null = null;

/** Keeps the device copy in step with what the server answered to each change. */
export function applySent(m: WorkoutMutation, result: unknown) {
  void localWorkouts.update(m.workoutId, (w) => {
    if (!w) return w;
    const d = w.detail;
    switch (m.kind) {
      case 'createWorkout':
      case 'updateWorkout':
        return result ? { ...w, detail: { ...d, workout: result as Workout } } : w;
      case 'deleteWorkout':
        return null;
      case 'addSet':
      case 'updateSet': {
        const set = result as WorkoutSet;
        if (!set?.id) return w;
        const sets = d.sets.some((s) => s.id === set.id) ? d.sets.map((s) => (s.id === set.id ? set : s)) : [...d.sets, set];
        return { ...w, detail: { ...d, sets } };
      }
      case 'deleteSet':
        return { ...w, detail: { ...d, sets: d.sets.filter((s) => s.id !== m.setId) } };
    }
  });
}

export function makeWorkoutOutbox(store: KeyedStore<Stored<WorkoutMutation>>) {
  return new Outbox<WorkoutMutation>({
    store,
    send: sendMutation,
    verdict: mutationVerdict,
    dependsOn: mutationDependsOn,
    onSent: applySent,
    onDrained: () => void queryClient?.invalidateQueries({ queryKey: ['workouts'] }),
  });
}

export const workoutOutbox = makeWorkoutOutbox(openStore<Stored<WorkoutMutation>>('gymbox-outbox', 'changes'));

export function bindQueryClient(client: QueryClient) {
  queryClient = client;
}

/** Shows a change at once (device copy) and queues it for the server. */
export async function record(m: WorkoutMutation, local?: (w: LocalWorkout | null) => LocalWorkout | null) {
  if (local) await localWorkouts.update(m.workoutId, local);
  await workoutOutbox.enqueue(m);
}

export const useOutboxState = () => useSyncExternalStore(workoutOutbox.subscribe, workoutOutbox.getState, workoutOutbox.getState);

export function useLocalWorkout(id: string): LocalWorkout | null | undefined {
  const value = useSyncExternalStore(localWorkouts.subscribe, () => localWorkouts.peek(id));
  if (value === undefined) void localWorkouts.load(id);
  return value;
}

/** Updates the device copy from a fresh server answer. */
export function storeServerDetail(owner: string, detail: WorkoutDetail, merge: (w: LocalWorkout | null) => LocalWorkout) {
  return localWorkouts.update(detail.workout.id, (w) => merge(w && w.owner === owner ? w : null));
}
