import { describe, expect, it, vi } from 'vitest';
import { RestTimer } from './restTimer';

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

describe('RestTimer', () => {
  it('counts down, adjusts by 15 s and announces the end once', () => {
    vi.useFakeTimers();
    const onDone = vi.fn();
    const timer = new RestTimer({ storage: memoryStorage(), onDone });
    timer.start('w1', 90);
    expect(timer.remaining()).toBe(90);
    vi.advanceTimersByTime(30_000);
    expect(timer.remaining()).toBe(60);
    timer.adjust(15);
    expect(timer.remaining()).toBe(75);
    timer.adjust(-15);
    timer.adjust(-15);
    expect(timer.remaining()).toBe(45);
    vi.advanceTimersByTime(45_100);
    expect(onDone).toHaveBeenCalledTimes(1);
    expect(timer.getState()).toBeNull();
    vi.advanceTimersByTime(60_000);
    expect(onDone).toHaveBeenCalledTimes(1);
  });

  it('skipping ends the rest without the alert; going below zero ends it too', () => {
    vi.useFakeTimers();
    const onDone = vi.fn();
    const timer = new RestTimer({ storage: memoryStorage(), onDone });
    timer.start('w1', 60);
    timer.skip();
    expect(timer.getState()).toBeNull();
    timer.start('w1', 20);
    timer.adjust(-30);
    expect(timer.getState()).toBeNull();
    vi.advanceTimersByTime(120_000);
    expect(onDone).not.toHaveBeenCalled();
  });

  it('keeps running across a reload', () => {
    let now = 1_000_000;
    const storage = memoryStorage();
    const first = new RestTimer({ storage, now: () => now });
    first.start('w1', 120);
    now += 50_000;
    const second = new RestTimer({ storage, now: () => now });
    expect(second.getState()?.workoutId).toBe('w1');
    expect(second.remaining()).toBe(70);
    now += 80_000;
    const third = new RestTimer({ storage, now: () => now });
    expect(third.getState()).toBeNull();
  });
});
