import type { KeyedStore } from './idb';

/**
 * An ordered, persistent queue of changes waiting for the server.
 *
 * Every change is written to storage first and then sent, one at a time, oldest first. A
 * change leaves the queue only once the server has answered it, so nothing is lost when the
 * connection drops (or the page closes) in between. Retries are safe because each change
 * carries an id chosen on this device: the server answers a repeated create with what it
 * already stored instead of storing it twice.
 */
export interface Stored<M> {
  mutation: M;
  /** The account that made the change; others' changes wait for them to sign in again. */
  owner: string;
  queuedAt: number;
  attempts: number;
}

export interface Entry<M> extends Stored<M> {
  key: number;
}

export interface Failure<M> {
  id: number;
  mutation: M;
  error: unknown;
}

/** What to do after a failed send. */
export type Verdict = 'retry' | 'fail' | 'wait';

export interface OutboxState<M> {
  /** The signed-in owner's changes not yet confirmed by the server, oldest first. */
  entries: Entry<M>[];
  /** A send is in flight. */
  sending: boolean;
  /** Why the queue is paused: no connection, a failed attempt (retry at `retryAt`), or signed out. */
  waiting: 'offline' | 'retry' | 'auth' | null;
  retryAt: number | null;
  /** Changes the server refused for good (shown to the person, then dismissed). */
  failures: Failure<M>[];
}

export interface OutboxOptions<M> {
  store: KeyedStore<Stored<M>>;
  send: (mutation: M) => Promise<unknown>;
  /** Decides between retrying later, giving up on this change, or waiting for sign-in. */
  verdict: (error: unknown) => Verdict;
  onSent?: (mutation: M, result: unknown) => void;
  /** Called after the queue empties (a good moment to refresh from the server). */
  onDrained?: (sent: M[]) => void;
  /** When a change fails for good, later changes that depend on it are dropped with it. */
  dependsOn?: (later: M, failed: M) => boolean;
  backoff?: (attempt: number) => number;
  isOnline?: () => boolean;
  now?: () => number;
  /** Serialises sending across browser tabs (Web Locks) so two tabs don't race. */
  exclusive?: <R>(fn: () => Promise<R>) => Promise<R>;
}

export const defaultBackoff = (attempt: number) => Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));

function webLock<R>(fn: () => Promise<R>): Promise<R> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? (locks.request('gymbox-outbox', fn) as Promise<R>) : fn();
}

export class Outbox<M> {
  private state: OutboxState<M> = { entries: [], sending: false, waiting: null, retryAt: null, failures: [] };
  private listeners = new Set<() => void>();
  private owner: string | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private failureId = 0;
  private sent: M[] = [];
  private readonly opts: Required<Omit<OutboxOptions<M>, 'onSent' | 'onDrained' | 'dependsOn'>> &
    Pick<OutboxOptions<M>, 'onSent' | 'onDrained' | 'dependsOn'>;

  constructor(options: OutboxOptions<M>) {
    this.opts = {
      backoff: defaultBackoff,
      isOnline: () => globalThis.navigator?.onLine !== false,
      now: () => Date.now(),
      exclusive: webLock,
      ...options,
    };
  }

  /** Starts listening for the connection to come back; returns a function that stops it. */
  connect(target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window): () => void {
    const wake = () => this.retryNow();
    const visible = () => {
      if (typeof document === 'undefined' || document.visibilityState === 'visible') this.retryNow();
    };
    target.addEventListener('online', wake);
    target.addEventListener('visibilitychange', visible);
    return () => {
      target.removeEventListener('online', wake);
      target.removeEventListener('visibilitychange', visible);
      this.clearTimer();
    };
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  getState = () => this.state;

  /** Whose changes to send and show; null while nobody is signed in. */
  async setOwner(owner: string | null) {
    const changed = owner !== this.owner;
    this.owner = owner;
    if (changed) this.attempt = 0;
    await this.reload();
    if (owner) await this.flush();
  }

  /**
   * Queues a change (stored before this resolves) and starts sending. `onStored` runs once the
   * change is stored, in the same tick as the queue's new state is announced, so a screen that
   * shows both (the change pending, and whatever `onStored` updates) never renders one without
   * the other.
   */
  async enqueue(mutation: M, onStored?: () => void): Promise<void> {
    if (!this.owner) throw new Error('outbox: nobody is signed in');
    await this.opts.store.add({ mutation, owner: this.owner, queuedAt: this.opts.now(), attempts: 0 });
    const entries = await this.read();
    onStored?.();
    this.show(entries);
    void this.flush();
  }

  /** Sends now instead of waiting for the next retry. */
  retryNow() {
    this.attempt = 0;
    this.clearTimer();
    return this.flush();
  }

  dismissFailure(id: number) {
    this.set({ failures: this.state.failures.filter((f) => f.id !== id) });
  }

  /** Sends queued changes in order until the queue is empty or sending has to pause. */
  flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.opts.exclusive(() => this.drain());
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async drain() {
    for (;;) {
      const owner = this.owner;
      if (!owner) return;
      // Re-read storage each time: another tab may have sent (and removed) entries meanwhile.
      const entries = await this.reload();
      const entry = entries[0];
      if (!entry) {
        this.set({ waiting: null, retryAt: null });
        this.attempt = 0;
        if (this.sent.length > 0) {
          const sent = this.sent;
          this.sent = [];
          this.opts.onDrained?.(sent);
        }
        return;
      }
      if (!this.opts.isOnline()) {
        this.set({ waiting: 'offline', retryAt: null });
        return;
      }
      this.set({ sending: true });
      let result: unknown;
      let error: unknown = null;
      let ok = false;
      try {
        result = await this.opts.send(entry.mutation);
        ok = true;
      } catch (e) {
        error = e;
      }
      this.set({ sending: false });
      if (ok) {
        this.attempt = 0;
        this.sent.push(entry.mutation);
        this.opts.onSent?.(entry.mutation, result);
        await this.opts.store.delete(entry.key);
        continue;
      }
      const verdict = this.opts.verdict(error);
      if (verdict === 'fail') {
        const doomed = [entry, ...entries.slice(1).filter((e) => this.opts.dependsOn?.(e.mutation, entry.mutation))];
        for (const e of doomed) await this.opts.store.delete(e.key);
        this.set({ failures: [...this.state.failures, { id: ++this.failureId, mutation: entry.mutation, error }] });
        continue;
      }
      const { key, ...stored } = entry;
      await this.opts.store.put(key, { ...stored, attempts: entry.attempts + 1 });
      await this.reload();
      if (verdict === 'wait') {
        this.set({ waiting: 'auth', retryAt: null });
        return;
      }
      this.attempt += 1;
      const delay = this.opts.backoff(this.attempt);
      this.set({ waiting: 'retry', retryAt: this.opts.now() + delay });
      this.clearTimer();
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, delay);
      return;
    }
  }

  private async reload(): Promise<Entry<M>[]> {
    const entries = await this.read();
    this.show(entries);
    return entries;
  }

  private async read(): Promise<Entry<M>[]> {
    const rows = await this.opts.store.all();
    return rows.filter((r) => r.value.owner === this.owner).map((r) => ({ ...r.value, key: r.key }));
  }

  private show(entries: Entry<M>[]) {
    const same =
      entries.length === this.state.entries.length &&
      entries.every((e, i) => e.key === this.state.entries[i]!.key && e.attempts === this.state.entries[i]!.attempts);
    if (!same) this.set({ entries });
  }

  private clearTimer() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private set(patch: Partial<OutboxState<M>>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }
}
