/** Time, replaceable in tests: the 5-minute, 30-day and 48-hour rules are tested by moving it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to. */
export class MovableClock implements Clock {
  private current: number;
  constructor(start: Date | string = '2026-03-02T09:00:00Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }
  advance(ms: { days?: number; hours?: number; minutes?: number; seconds?: number }): void {
    this.current +=
      ((((ms.days ?? 0) * 24 + (ms.hours ?? 0)) * 60 + (ms.minutes ?? 0)) * 60 + (ms.seconds ?? 0)) * 1000;
  }
}
