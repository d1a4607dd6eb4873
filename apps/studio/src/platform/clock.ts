// Injected time, so expiries, lockouts and schedules can be tested.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
