import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStudio, type TestStudio } from '../test/harness.js';

/** The studio's log as JSON lines. */
const lines = (studio: TestStudio) =>
  studio
    .logs()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('request logs', () => {
  let studio: TestStudio;
  beforeAll(async () => {
    studio = await startTestStudio();
  });
  afterAll(() => studio.close());

  it('tie every line of a request to its id, and only that request’s lines', async () => {
    const first = await studio.app.inject({ method: 'GET', url: '/api/no-such-route' });
    const second = await studio.app.inject({
      method: 'GET',
      url: '/api/no-such-route',
      headers: { authorization: 'Bearer not-a-token' },
    });
    const ids = [first.json().requestId, second.json().requestId];
    expect(ids[0]).not.toBe(ids[1]);
    for (const id of ids) {
      const messages = lines(studio)
        .filter((line) => line.reqId === id)
        .map((line) => line.msg);
      expect(messages).toEqual(['incoming request', 'request completed']);
    }
    // A line written outside any request carries no request id.
    studio.app.log.info('outside any request');
    const outside = lines(studio).find((line) => line.msg === 'outside any request');
    expect(outside).toBeDefined();
    expect(outside).not.toHaveProperty('reqId');
  });

  it('still redacts what a request line carries', async () => {
    const res = await studio.app.inject({ method: 'GET', url: '/api/no-such-route?token=abc123secret' });
    const id = res.json().requestId;
    const logged = lines(studio).filter((line) => line.reqId === id);
    expect(logged).toHaveLength(2);
    expect(JSON.stringify(logged)).not.toContain('abc123secret');
  });
});
