// Bounded concurrency for one server: `max` running, at most `maxQueue` waiting, the rest refused.

/**
 * A semaphore with a bounded FIFO wait queue. Small enough to keep in-house; `p-limit` has no queue bound
 * and `async-sema` no refusal, so either would need the same wrapper.
 */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    public max: number,
    public maxQueue: number,
  ) {}

  get running(): number {
    return this.active;
  }
  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves with a one-shot release function once a slot is free; null when the queue is full. */
  async acquire(): Promise<(() => void) | null> {
    if (this.active < this.max) {
      this.active++;
      return this.releaser();
    }
    if (this.waiting.length >= this.maxQueue) return null;
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `active` only drops when nobody waits.
      if (next) next();
      else this.active--;
    };
  }
}
