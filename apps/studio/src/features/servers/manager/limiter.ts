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

  /**
   * Resolves with a one-shot release function once a slot is free; null when the queue is full. An abort of
   * `signal` while waiting gives the queue place up and rejects with the signal's reason.
   */
  async acquire(signal?: AbortSignal): Promise<(() => void) | null> {
    signal?.throwIfAborted();
    if (this.active < this.max) {
      this.active++;
      return this.releaser();
    }
    if (this.waiting.length >= this.maxQueue) return null;
    await new Promise<void>((resolve, reject) => {
      const giveUp = () => {
        const place = this.waiting.indexOf(grant);
        if (place >= 0) this.waiting.splice(place, 1);
        reject(signal?.reason);
      };
      const grant = () => {
        signal?.removeEventListener('abort', giveUp);
        resolve();
      };
      this.waiting.push(grant);
      signal?.addEventListener('abort', giveUp, { once: true });
    });
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
