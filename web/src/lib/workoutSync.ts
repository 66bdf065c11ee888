import { useSyncExternalStore } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import { analysisKeys } from '../api/analysisQueries';
import { ApiProblem } from '../api/problem';
import { addSet, createWorkout, deleteSet, deleteWorkout, updateSet, updateWorkout } from '../api/training';
import type { Workout, WorkoutDetail, WorkoutSet } from '../api/types';
import { openKv, openStore, type KvStore, type KeyedStore } from './idb';
import { Outbox, type Stored, type Verdict } from './outbox';
import { workoutsToForget, type LocalWorkout, type WorkoutMutation } from './workoutModel';

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

  /**
   * Drops a workout from the device unless it changed since `savedAt` (it was opened or
   * edited meanwhile). Resolves with whether it was dropped.
   */
  async forget(id: string, savedAt: number): Promise<boolean> {
    let dropped = false;
    await this.update(id, (w) => {
      if (!w || w.savedAt !== savedAt) return w;
      dropped = true;
      return null;
    });
    return dropped;
  }

  private emit() {
    for (const l of this.listeners) l();
  }
}

export const localWorkouts = new LocalWorkouts(openKv<LocalWorkout>('gymbox-workouts', 'workouts'));

let queryClient: QueryClient | null = null;

/** Keeps the device copy in step with what the server answered to each change. */
export function applySent(m: WorkoutMutation, result: unknown) {
  // A read of this workout that started before the change reached the server would bring back
  // the old state over the new one; drop it (the refresh after the outbox drains reads again).
  void queryClient?.cancelQueries({ queryKey: ['workouts', m.workoutId] });
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
    onDrained: () => {
      void queryClient?.invalidateQueries({ queryKey: ['workouts'] });
      // Stats, records and load are computed from the workouts just saved.
      void queryClient?.invalidateQueries({ queryKey: analysisKeys.mine });
      void tidyDevice();
    },
  });
}

export const outboxStore = openStore<Stored<WorkoutMutation>>('gymbox-outbox', 'changes');
export const workoutOutbox = makeWorkoutOutbox(outboxStore);

/**
 * Removes finished workouts the device no longer needs (see `workoutsToForget`). Anything with
 * a change still waiting in the outbox — anyone's, not only the signed-in person's — stays.
 * Resolves with the ids removed.
 */
export async function forgetOldWorkouts(
  local: LocalWorkouts,
  outbox: KeyedStore<Stored<WorkoutMutation>>,
  now = Date.now(),
  limits?: Parameters<typeof workoutsToForget>[3],
): Promise<string[]> {
  const [workouts, queued] = await Promise.all([local.all(), outbox.all()]);
  const pending = new Set(queued.map((r) => r.value.mutation.workoutId));
  const savedAt = new Map(workouts.map((w) => [w.id, w.savedAt]));
  const forgotten: string[] = [];
  for (const id of workoutsToForget(workouts, pending, now, limits)) {
    if (await local.forget(id, savedAt.get(id)!)) forgotten.push(id);
  }
  return forgotten;
}

/**
 * On sign-out, removes the account's workouts from this device (a shared phone or a gym
 * tablet must not keep someone's training after they leave). Workouts with changes still
 * waiting to sync stay, so nothing logged offline is lost; they are sent when that person
 * signs in again. Resolves with the ids removed.
 */
export async function forgetAccountWorkouts(
  owner: string,
  local: LocalWorkouts = localWorkouts,
  outbox: KeyedStore<Stored<WorkoutMutation>> = outboxStore,
): Promise<string[]> {
  const [workouts, queued] = await Promise.all([local.all(), outbox.all()]);
  const pending = new Set(queued.map((r) => r.value.mutation.workoutId));
  const forgotten: string[] = [];
  for (const w of workouts) {
    if (w.owner !== owner || pending.has(w.id)) continue;
    if (await local.forget(w.id, w.savedAt)) forgotten.push(w.id);
  }
  return forgotten;
}

let tidying: Promise<unknown> | null = null;

/** Tidies this device's workouts (at app start and after the outbox drains), one run at a time. */
export function tidyDevice(): Promise<unknown> {
  tidying ??= forgetOldWorkouts(localWorkouts, outboxStore)
    .catch(() => [])
    .finally(() => {
      tidying = null;
    });
  return tidying;
}

export function bindQueryClient(client: QueryClient) {
  queryClient = client;
}

/** Shows a change at once (device copy) and queues it for the server. */
export async function record(m: WorkoutMutation, local?: (w: LocalWorkout | null) => LocalWorkout | null) {
  // The device copy changes in the same tick as the change shows up as pending, so the logger
  // never renders a half-applied state (e.g. a ticked set's typed numbers gone but the set not
  // yet shown as logged) that a quick second tap could act on.
  if (local) await localWorkouts.load(m.workoutId);
  await workoutOutbox.enqueue(m, local ? () => void localWorkouts.update(m.workoutId, local) : undefined);
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
