import { describe, expect, it } from 'vitest';
import { Limiter } from './limiter.js';

describe('Limiter', () => {
  it('gives a waiting place up when its caller aborts, and the slot goes to the next waiter', async () => {
    const limiter = new Limiter(1, 2);
    const first = await limiter.acquire();
    const controller = new AbortController();
    const abandoned = limiter.acquire(controller.signal);
    const next = limiter.acquire();
    expect(limiter.queued).toBe(2);
    controller.abort(new Error('caller left'));
    await expect(abandoned).rejects.toThrow('caller left');
    expect(limiter.queued).toBe(1);
    first!();
    const release = await next;
    expect(limiter.running).toBe(1);
    release!();
    expect(limiter.running).toBe(0);
  });

  it('refuses at once a caller that has already gone', async () => {
    const limiter = new Limiter(1, 1);
    await expect(limiter.acquire(AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
    expect(limiter.running).toBe(0);
  });
});
