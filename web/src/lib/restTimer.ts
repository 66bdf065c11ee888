import { useEffect, useState, useSyncExternalStore } from 'react';

/** A running rest period; survives a reload (kept in localStorage). */
export interface RestState {
  endsAt: number;
  duration: number;
  /** Which workout started it, so other workouts don't show it. */
  workoutId: string;
}

const KEY = 'gymbox.rest';

export interface RestTimerOptions {
  now?: () => number;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  /** Called once when a rest period runs out (not when skipped). */
  onDone?: () => void;
}

/** The rest timer: start after a set, adjust by ±15 s, skip; announces the end once. */
export class RestTimer {
  private state: RestState | null = null;
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly now: () => number;
  private readonly storage: RestTimerOptions['storage'];
  onDone: (() => void) | undefined;

  constructor(opts: RestTimerOptions = {}) {
    this.now = opts.now ?? (() => Date.now());
    this.storage = opts.storage === undefined ? safeLocalStorage() : opts.storage;
    this.onDone = opts.onDone;
    try {
      const raw = this.storage?.getItem(KEY);
      const saved = raw ? (JSON.parse(raw) as RestState) : null;
      if (saved && saved.endsAt > this.now()) this.state = saved;
    } catch {
      this.state = null;
    }
    this.schedule();
  }

  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  };

  getState = () => this.state;

  start(workoutId: string, seconds: number) {
    const duration = Math.max(5, Math.round(seconds));
    this.set({ workoutId, duration, endsAt: this.now() + duration * 1000 });
  }

  /** Adds (or with a negative number, takes away) seconds; going below zero ends the rest. */
  adjust(seconds: number) {
    if (!this.state) return;
    const endsAt = this.state.endsAt + seconds * 1000;
    if (endsAt <= this.now()) return this.skip();
    this.set({ ...this.state, endsAt, duration: Math.max(5, this.state.duration + seconds) });
  }

  skip() {
    this.set(null);
  }

  remaining(): number {
    return this.state ? Math.max(0, Math.ceil((this.state.endsAt - this.now()) / 1000)) : 0;
  }

  /** Checks whether the rest is over (the UI calls it on each tick; a timer calls it too). */
  check() {
    if (this.state && this.state.endsAt <= this.now()) {
      this.set(null);
      this.onDone?.();
    }
  }

  private set(state: RestState | null) {
    this.state = state;
    try {
      if (state) this.storage?.setItem(KEY, JSON.stringify(state));
      else this.storage?.removeItem(KEY);
    } catch {
      // not fatal
    }
    this.schedule();
    for (const l of this.listeners) l();
  }

  private schedule() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.state) {
      this.timer = setTimeout(() => this.check(), Math.max(0, this.state.endsAt - this.now()) + 20);
    }
  }
}

function safeLocalStorage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

let audio: AudioContext | null = null;

/**
 * Browsers only let a page make sound after the person touched it: call this from a tap
 * (completing a set) so the beep at the end of the rest can play.
 */
export function unlockAudio() {
  try {
    const Ctx = globalThis.AudioContext ?? (globalThis as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    audio ??= new Ctx();
    if (audio.state === 'suspended') void audio.resume();
  } catch {
    audio = null;
  }
}

/** Vibrates and beeps twice, where the device allows it. */
export function restDoneAlert() {
  try {
    globalThis.navigator?.vibrate?.([200, 100, 200]);
  } catch {
    // vibration unsupported
  }
  if (!audio || audio.state !== 'running') return;
  try {
    for (const at of [0, 0.25]) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.2, audio.currentTime + at);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + at + 0.18);
      osc.connect(gain).connect(audio.destination);
      osc.start(audio.currentTime + at);
      osc.stop(audio.currentTime + at + 0.2);
    }
  } catch {
    // audio unavailable
  }
}

export const restTimer = new RestTimer({ onDone: restDoneAlert });

/** The running rest and the seconds left, updated every quarter second while it runs. */
export function useRestTimer(timer: RestTimer = restTimer) {
  const state = useSyncExternalStore(timer.subscribe, timer.getState, timer.getState);
  const [, tick] = useState(0);
  useEffect(() => {
    if (!state) return;
    const id = setInterval(() => {
      timer.check();
      tick((n) => n + 1);
    }, 250);
    return () => clearInterval(id);
  }, [state, timer]);
  return { state, remaining: timer.remaining() };
}
