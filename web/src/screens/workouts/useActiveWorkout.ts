import { useEffect, useState } from 'react';
import type { WorkoutDetail } from '../../api/types';
import { applyPending, type LocalWorkout } from '../../lib/workoutModel';
import { localWorkouts, useOutboxState } from '../../lib/workoutSync';

/** The unfinished workout on this device (the newest one), to offer "Resume". */
export function useActiveWorkout(owner: string): WorkoutDetail | null {
  const [list, setList] = useState<LocalWorkout[]>([]);
  const outbox = useOutboxState();
  useEffect(() => {
    let live = true;
    const load = () => void localWorkouts.all().then((l) => live && setList(l));
    load();
    const stop = localWorkouts.subscribe(load);
    return () => {
      live = false;
      stop();
    };
  }, []);
  const pending = outbox.entries.map((e) => e.mutation);
  const deleted = new Set(pending.filter((m) => m.kind === 'deleteWorkout').map((m) => m.workoutId));
  const active = list
    .filter((w) => w.owner === owner && !deleted.has(w.id))
    .map((w) => applyPending(w.detail, pending))
    .filter((d) => !d.workout.finished_at)
    .sort((a, b) => (a.workout.started_at < b.workout.started_at ? 1 : -1));
  return active[0] ?? null;
}
