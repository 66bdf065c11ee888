import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openIdbKv, openIdbStore } from './idb';
import type { Stored } from './outbox';
import { draftDetail, workoutsToForget, type LocalWorkout, type WorkoutMutation } from './workoutModel';
import { forgetAccountWorkouts, forgetOldWorkouts, LocalWorkouts } from './workoutSync';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-11-30T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();

/** A workout on the device: finished `finished` ms ago (undefined: still open), saved `saved` ms ago. */
function workout(id: string, { finished, saved = finished ?? 0, owner = 'u1' }: { finished?: number; saved?: number; owner?: string }): LocalWorkout {
  const started = (finished ?? saved) + 60 * 60 * 1000;
  const detail = draftDetail({ id, started_at: ago(started), finished_at: finished === undefined ? undefined : ago(finished) }, owner);
  return { id, owner, detail, layout: [], removed: [], exercises: {}, savedAt: NOW - saved };
}

function queued(workoutId: string, owner = 'u1'): Stored<WorkoutMutation> {
  return { mutation: { kind: 'deleteSet', workoutId, setId: 's1' }, owner, queuedAt: NOW, attempts: 0 };
}

/** IndexedDB (fake) with these workouts and outbox entries, as the app would have left it. */
async function device(workouts: LocalWorkout[], pending: Stored<WorkoutMutation>[] = []) {
  const factory = new IDBFactory();
  const kv = openIdbKv<LocalWorkout>('gymbox-workouts', 'workouts', factory);
  const outbox = openIdbStore<Stored<WorkoutMutation>>('gymbox-outbox', 'changes', factory);
  for (const w of workouts) await kv.set(w.id, w);
  for (const p of pending) await outbox.add(p);
  const stored = async () => (await openIdbKv<LocalWorkout>('gymbox-workouts', 'workouts', factory).all()).map((r) => r.key).sort();
  return { local: new LocalWorkouts(kv), outbox, stored };
}

describe('forgetting old workouts on the device', () => {
  it('removes finished workouts older than 14 days unless a change still waits for the server', async () => {
    const { local, outbox, stored } = await device(
      [
        workout('old-done', { finished: 20 * DAY }),
        workout('old-pending', { finished: 20 * DAY }),
        workout('old-pending-other-account', { finished: 40 * DAY, owner: 'u2' }),
        workout('old-open', { saved: 30 * DAY }),
        workout('old-reopened', { finished: 30 * DAY, saved: 60 * 60 * 1000 }),
        workout('recent', { finished: 13 * DAY }),
      ],
      [queued('old-pending'), queued('old-pending-other-account', 'u2')],
    );
    const forgotten = await forgetOldWorkouts(local, outbox, NOW);
    expect(forgotten).toEqual(['old-done']);
    expect(await stored()).toEqual(['old-open', 'old-pending', 'old-pending-other-account', 'old-reopened', 'recent']);
    expect(local.peek('old-done')).toBeNull();
    // The outbox is left alone.
    expect((await outbox.all()).map((r) => r.value.mutation.workoutId)).toEqual(['old-pending', 'old-pending-other-account']);
  });

  it('keeps only the newest 20 finished workouts, however recent', async () => {
    const many = Array.from({ length: 25 }, (_, i) => workout(`w${String(i).padStart(2, '0')}`, { finished: (i + 1) * 60 * 60 * 1000 }));
    const { local, outbox, stored } = await device([...many, workout('open', { saved: 0 })], [queued('w24')]);
    const forgotten = await forgetOldWorkouts(local, outbox, NOW);
    // w00 is the newest; w24 (the oldest) has a change waiting, so it stays and does not count.
    expect(forgotten.sort()).toEqual(['w20', 'w21', 'w22', 'w23']);
    const left = await stored();
    expect(left).toHaveLength(22);
    expect(left).toContain('open');
    expect(left).toContain('w24');
    // Running again finds nothing more to do.
    expect(await forgetOldWorkouts(local, outbox, NOW)).toEqual([]);
  });

  it('keeps a workout that was opened or edited while it was being tidied', async () => {
    const { local, stored } = await device([workout('old', { finished: 20 * DAY })]);
    const [w] = await local.all();
    await local.update('old', (x) => (x ? { ...x, removed: ['bench'] } : x));
    expect(await local.forget('old', w!.savedAt)).toBe(false);
    expect(await stored()).toEqual(['old']);
  });
});

describe('workoutsToForget', () => {
  it('uses the later of finishing and the last save, and honours custom limits', () => {
    const list = [workout('a', { finished: 3 * DAY }), workout('b', { finished: 10 * DAY, saved: 1 * DAY }), workout('c', { finished: 5 * DAY })];
    expect(workoutsToForget(list, new Set(), NOW, { maxAgeMs: 4 * DAY })).toEqual(['c']);
    expect(workoutsToForget(list, new Set(), NOW, { keep: 1 })).toEqual(['a', 'c']);
    expect(workoutsToForget(list, new Set(['c']), NOW, { keep: 1 })).toEqual(['a']);
    expect(workoutsToForget([], new Set(), NOW)).toEqual([]);
  });
});

describe('signing out', () => {
  it("removes the account's workouts from the device except those with changes not yet synced", async () => {
    const { local, outbox, stored } = await device(
      [
        workout('mine-done', { finished: DAY }),
        workout('mine-open', { saved: 0 }),
        workout('mine-pending', { finished: DAY }),
        workout('theirs', { finished: DAY, owner: 'u2' }),
      ],
      [queued('mine-pending')],
    );
    const forgotten = await forgetAccountWorkouts('u1', local, outbox);
    expect(forgotten.sort()).toEqual(['mine-done', 'mine-open']);
    expect(await stored()).toEqual(['mine-pending', 'theirs']);
  });
});
