import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '../api/problem';
import { memoryStore, openIdbStore, openIdbKv, type KeyedStore } from './idb';
import { newId } from './ids';
import { Outbox, type Stored } from './outbox';
import { mutationDependsOn, mutationVerdict } from './workoutSync';
import type { WorkoutMutation } from './workoutModel';

type M = { id: string; n: number };
const offlineError = () => new ApiProblem(0, 'network_error');
const noLock = <R>(fn: () => Promise<R>) => fn();

function make(store: KeyedStore<Stored<M>>, send: (m: M) => Promise<unknown>, online = { value: true }) {
  return new Outbox<M>({
    store,
    send,
    verdict: mutationVerdict,
    backoff: () => 5,
    isOnline: () => online.value,
    exclusive: noLock,
  });
}

/** A fake server that stores each item once by its client id, like the real one does. */
function fakeServer() {
  const stored = new Map<string, M>();
  const received: M[] = [];
  return {
    stored,
    received,
    async accept(m: M) {
      received.push(m);
      if (!stored.has(m.id)) stored.set(m.id, m);
      return stored.get(m.id);
    },
  };
}

describe('Outbox', () => {
  it('sends changes one at a time, oldest first', async () => {
    const server = fakeServer();
    let inFlight = 0;
    let maxInFlight = 0;
    const box = make(memoryStore(), async (m) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
      return server.accept(m);
    });
    await box.setOwner('u1');
    for (let n = 1; n <= 5; n++) await box.enqueue({ id: `s${n}`, n });
    await vi.waitFor(() => expect(box.getState().entries).toHaveLength(0));
    expect(server.received.map((m) => m.n)).toEqual([1, 2, 3, 4, 5]);
    expect(maxInFlight).toBe(1);
  });

  it('runs the caller\'s update in the same tick as it announces the stored change', async () => {
    const online = { value: false };
    const box = make(memoryStore(), async () => null, online);
    await box.setOwner('u1');
    let applied = false;
    const seen: boolean[] = [];
    box.subscribe(() => {
      if (box.getState().entries.length > 0) seen.push(applied);
    });
    await box.enqueue({ id: 's1', n: 1 }, () => {
      applied = true;
    });
    expect(box.getState().entries).toHaveLength(1);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every(Boolean)).toBe(true);
  });

  it('keeps changes while offline and sends them when the connection returns', async () => {
    const server = fakeServer();
    const online = { value: false };
    const send = vi.fn(server.accept);
    const box = make(memoryStore(), send, online);
    await box.setOwner('u1');
    await box.enqueue({ id: 'a', n: 1 });
    await box.enqueue({ id: 'b', n: 2 });
    await box.flush();
    expect(send).not.toHaveBeenCalled();
    expect(box.getState()).toMatchObject({ waiting: 'offline' });
    expect(box.getState().entries.map((e) => e.mutation.n)).toEqual([1, 2]);

    const target = new EventTarget();
    box.connect(target as unknown as Window);
    online.value = true;
    target.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(box.getState().entries).toHaveLength(0));
    expect([...server.stored.keys()]).toEqual(['a', 'b']);
  });

  it('retries after a failed attempt, and a retry of something the server already has is not stored twice', async () => {
    const server = fakeServer();
    let calls = 0;
    // The first request reaches the server but the answer is lost (the connection drops).
    const box = make(memoryStore(), async (m) => {
      calls++;
      await server.accept(m);
      if (calls === 1) throw offlineError();
      return server.stored.get(m.id);
    });
    await box.setOwner('u1');
    const id = newId();
    await box.enqueue({ id, n: 1 });
    await vi.waitFor(() => expect(box.getState().entries).toHaveLength(0));
    expect(server.received).toHaveLength(2);
    expect(server.stored.size).toBe(1);
  });

  it('survives a reload: a new outbox on the same IndexedDB sends what the old one queued', async () => {
    const factory = new IDBFactory();
    const server = fakeServer();
    const first = make(openIdbStore<Stored<M>>('gymbox-outbox', 'changes', factory), server.accept, { value: false });
    await first.setOwner('u1');
    await first.enqueue({ id: 'x', n: 1 });
    await first.enqueue({ id: 'y', n: 2 });
    await first.enqueue({ id: 'z', n: 3 });

    // "Reload": nothing of the first instance is used any more, only what IndexedDB holds.
    await first.flush();
    const second = make(openIdbStore<Stored<M>>('gymbox-outbox', 'changes', factory), server.accept);
    await second.setOwner('u1');
    await vi.waitFor(() => expect(second.getState().entries).toHaveLength(0));
    expect(server.received.map((m) => m.id)).toEqual(['x', 'y', 'z']);
    expect(await openIdbStore<Stored<M>>('gymbox-outbox', 'changes', factory).all()).toEqual([]);
  });

  it('shows changes the server refuses for good and drops those that depend on them', async () => {
    const sent: WorkoutMutation[] = [];
    let online = false;
    const box = new Outbox<WorkoutMutation>({
      store: memoryStore(),
      exclusive: noLock,
      isOnline: () => online,
      verdict: mutationVerdict,
      dependsOn: mutationDependsOn,
      send: async (m) => {
        if (m.kind === 'addSet' && m.set.id === 'bad') throw new ApiProblem(422, 'validation_failed');
        sent.push(m);
        return null;
      },
    });
    await box.setOwner('u1');
    await box.enqueue({ kind: 'addSet', workoutId: 'w', set: { id: 'bad', exercise_id: 'e', reps: 5 } });
    await box.enqueue({ kind: 'updateSet', workoutId: 'w', setId: 'bad', body: { reps: 6 } });
    await box.enqueue({ kind: 'addSet', workoutId: 'w', set: { id: 'good', exercise_id: 'e', reps: 5 } });
    online = true;
    await box.retryNow();
    await vi.waitFor(() => expect(box.getState().entries).toHaveLength(0));
    expect(sent.map((m) => m.kind)).toEqual(['addSet']);
    expect(box.getState().failures).toHaveLength(1);
    expect((box.getState().failures[0]!.error as ApiProblem).type).toBe('validation_failed');
    box.dismissFailure(box.getState().failures[0]!.id);
    expect(box.getState().failures).toHaveLength(0);
  });

  it('waits for sign-in after a 401 and only sends the signed-in person’s changes', async () => {
    const server = fakeServer();
    let signedIn = false;
    const box = make(memoryStore(), async (m) => {
      if (!signedIn) throw new ApiProblem(401, 'unauthorized');
      return server.accept(m);
    });
    await box.setOwner('u1');
    await box.enqueue({ id: 'mine', n: 1 });
    await vi.waitFor(() => expect(box.getState().waiting).toBe('auth'));
    await box.setOwner('u2');
    expect(box.getState().entries).toHaveLength(0);
    signedIn = true;
    await box.setOwner('u1');
    await vi.waitFor(() => expect(box.getState().entries).toHaveLength(0));
    expect([...server.stored.keys()]).toEqual(['mine']);
  });
});

describe('verdicts', () => {
  it('retries network trouble and server errors, waits on 401, gives up on the rest', () => {
    expect(mutationVerdict(offlineError())).toBe('retry');
    expect(mutationVerdict(new ApiProblem(503, 'unavailable'))).toBe('retry');
    expect(mutationVerdict(new ApiProblem(429, 'rate_limited'))).toBe('retry');
    expect(mutationVerdict(new ApiProblem(401, 'unauthorized'))).toBe('wait');
    expect(mutationVerdict(new ApiProblem(422, 'validation_failed'))).toBe('fail');
    expect(mutationVerdict(new ApiProblem(404, 'not_found'))).toBe('fail');
  });
});

describe('ids and key-value storage', () => {
  it('makes time-ordered UUIDv7 ids as 32 hex digits', () => {
    const a = newId(1_700_000_000_000);
    const b = newId(1_700_000_000_001);
    expect(a).toMatch(/^[0-9a-f]{12}7[0-9a-f]{3}[89ab][0-9a-f]{15}$/);
    expect(a < b).toBe(true);
    expect(new Set(Array.from({ length: 100 }, () => newId())).size).toBe(100);
  });

  it('stores records by key in IndexedDB', async () => {
    const kv = openIdbKv<{ n: number }>('kv-test', 'things', new IDBFactory());
    await kv.set('b', { n: 2 });
    await kv.set('a', { n: 1 });
    expect(await kv.get('a')).toEqual({ n: 1 });
    expect((await kv.all()).map((r) => r.key)).toEqual(['a', 'b']);
    await kv.delete('a');
    expect(await kv.get('a')).toBeUndefined();
  });
});
