import type { AddressInfo } from 'node:net';
import type { ErrorBody, SessionTokens, TranscriptEntry } from '@mcp-studio/protocol';
import type { EventSourceMessage } from 'eventsource-parser';
import { EventSourceParserStream } from 'eventsource-parser/stream';
import { Agent, fetch, type Response } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bearer, registerOwner, registerServer, startTestStudio, type TestStudio } from '../../test/harness.js';
import { everythingStdio } from '../../test/peers.js';

type TextResult = { content: { text: string }[] };

const LONG_OPERATION = 'trigger-long-running-operation';

type JsonRpc = { id?: number | string; method?: string; params?: Record<string, unknown>; result?: unknown };

describe('streamed tool calls with progress and cancellation', () => {
  let studio: TestStudio;
  let admin: SessionTokens;
  let baseUrl: string;
  let serverId: string;
  let patientId: string;

  beforeAll(async () => {
    studio = await startTestStudio();
    admin = await registerOwner(studio.app);
    serverId = await register({ name: 'everything', timeoutMs: 1500 });
    // One slot and a long timeout, so a call that is not released on cancel blocks every later one.
    patientId = await register({ name: 'patient everything', timeoutMs: 120_000, maxConcurrency: 1 });
    await studio.app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(studio.app.server.address() as AddressInfo).port}`;
  });
  // undici opens a spare connection when a request is aborted; closing the studio would wait for it to time out.
  const agent = new Agent();
  afterAll(async () => {
    await agent.destroy();
    await studio.close();
  });

  const register = (fields: Record<string, unknown>) =>
    registerServer(studio.app, admin.accessToken, { ...everythingStdio, ...fields });

  const callTool = (name: string, args: object, init: { stream?: boolean; signal?: AbortSignal; id?: string } = {}) =>
    fetch(`${baseUrl}/api/servers/${init.id ?? serverId}/tools/${name}/call`, {
      method: 'POST',
      headers: {
        ...bearer(admin.accessToken),
        'content-type': 'application/json',
        ...(init.stream ? { accept: 'text/event-stream' } : {}),
      },
      body: JSON.stringify({ arguments: args }),
      signal: init.signal,
      dispatcher: agent,
    });

  /** Reads events until the stream ends, or until `isEnough` says so. */
  async function readEvents(
    response: Response,
    isEnough: (events: EventSourceMessage[]) => boolean = () => false,
  ): Promise<EventSourceMessage[]> {
    const reader = response
      .body!.pipeThrough(new TextDecoderStream())
      .pipeThrough(new EventSourceParserStream())
      .getReader();
    const events: EventSourceMessage[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return events;
      events.push(value);
      if (isEnough(events)) return events;
    }
  }

  async function transcript(id: string): Promise<{ entry: TranscriptEntry; message: JsonRpc }[]> {
    const res = await studio.app.inject({
      method: 'GET',
      url: `/api/servers/${id}/logs`,
      headers: bearer(admin.accessToken),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().transcript.map((entry: TranscriptEntry) => ({ entry, message: entry.message as JsonRpc }));
  }

  /** The id of the last `tools/call` request the studio sent with these arguments. */
  async function sentCallId(id: string, argument: [string, unknown]): Promise<number | string | undefined> {
    const sent = (await transcript(id)).filter(
      ({ entry, message }) =>
        entry.direction === 'sent' &&
        message.method === 'tools/call' &&
        (message.params?.arguments as Record<string, unknown> | undefined)?.[argument[0]] === argument[1],
    );
    return sent.at(-1)?.message.id;
  }

  async function expectCancelledUpstream(id: string, requestId: number | string): Promise<void> {
    await vi.waitFor(
      async () => {
        const cancelled = (await transcript(id)).find(
          ({ entry, message }) =>
            entry.direction === 'sent' &&
            message.method === 'notifications/cancelled' &&
            message.params?.requestId === requestId,
        );
        expect(cancelled).toBeDefined();
      },
      { timeout: 10_000, interval: 50 },
    );
  }

  async function expectEcho(id: string, text: string): Promise<void> {
    const res = await callTool('echo', { message: text }, { id });
    expect(res.status).toBe(200);
    expect(((await res.json()) as TextResult).content[0]?.text).toBe(`Echo: ${text}`);
  }

  it('streams every progress notification in order, then the result, past the timeout while progress comes', async () => {
    // 10 steps of 0.4 s: 4 s in all against a 1.5 s timeout.
    const res = await callTool(LONG_OPERATION, { duration: 4, steps: 10 }, { stream: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const events = await readEvents(res);
    const progress = events.filter((event) => event.event === 'progress').map((event) => JSON.parse(event.data));
    // The SDK drops a progress notification that arrives together with the response (typescript-sdk#2580),
    // which the last step's often does: 9 or 10 events, in order.
    expect(progress.length).toBeGreaterThanOrEqual(9);
    expect(progress).toEqual(Array.from({ length: progress.length }, (_, i) => ({ progress: i + 1, total: 10 })));
    expect(events.map((event) => event.event)).toEqual([...Array(progress.length).fill('progress'), 'result']);
    expect(JSON.parse(events.at(-1)!.data)).toEqual({
      content: [{ type: 'text', text: 'Long running operation completed. Duration: 4 seconds, Steps: 10.' }],
    });
  });

  it('still times out a plain JSON call of the same length, which asks for no progress', async () => {
    const res = await callTool(LONG_OPERATION, { duration: 4, steps: 10 });
    expect(res.status).toBe(504);
    expect(((await res.json()) as ErrorBody).error.code).toBe('timeout');
  });

  it('ends a streamed call that goes silent past the timeout with an error event', async () => {
    const res = await callTool(LONG_OPERATION, { duration: 4, steps: 1 }, { stream: true });
    expect(res.status).toBe(200);
    const events = await readEvents(res);
    expect(events.map((event) => event.event)).toEqual(['error']);
    const body = JSON.parse(events[0]!.data);
    expect(body).toEqual({
      error: { code: 'timeout', message: expect.stringContaining('timed out after 1500 ms') },
      requestId: expect.any(String),
    });
  });

  it('answers plain JSON without the event-stream Accept header', async () => {
    const res = await callTool('echo', { message: 'plain' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ content: [{ type: 'text', text: 'Echo: plain' }] });
  });

  it('refuses before streaming with a plain JSON error: unknown server, disabled server', async () => {
    const unknown = await callTool('echo', { message: 'x' }, { stream: true, id: crypto.randomUUID() });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await unknown.json()) as ErrorBody).error.code).toBe('not_found');

    const disabledId = await register({ name: 'disabled everything', enabled: false });
    const disabled = await callTool('echo', { message: 'x' }, { stream: true, id: disabledId });
    expect(disabled.status).toBe(409);
    expect(((await disabled.json()) as ErrorBody).error.code).toBe('server_disabled');
  });

  it('cancels the call upstream when the stream is closed, and frees its slot', async () => {
    const controller = new AbortController();
    // Two minutes of work with progress every second: only a cancel frees the one slot before then.
    const res = await callTool(
      LONG_OPERATION,
      { duration: 120, steps: 120 },
      { stream: true, signal: controller.signal, id: patientId },
    );
    const events = await readEvents(res, (seen) => seen.some((event) => event.event === 'progress'));
    expect(JSON.parse(events.find((event) => event.event === 'progress')!.data)).toEqual({ progress: 1, total: 120 });
    controller.abort();

    const requestId = await sentCallId(patientId, ['duration', 120]);
    expect(requestId).toBeDefined();
    await expectCancelledUpstream(patientId, requestId!);
    await expectEcho(patientId, 'after the cancelled stream');
  }, 30_000);

  it('cancels a plain JSON call upstream when its request is closed', async () => {
    const controller = new AbortController();
    const pending = callTool(LONG_OPERATION, { duration: 121, steps: 1 }, { signal: controller.signal, id: patientId });
    pending.catch(() => {});
    let requestId: number | string | undefined;
    await vi.waitFor(
      async () => {
        requestId = await sentCallId(patientId, ['duration', 121]);
        expect(requestId).toBeDefined();
      },
      { timeout: 10_000, interval: 50 },
    );
    controller.abort();
    await expect(pending).rejects.toThrow();
    await expectCancelledUpstream(patientId, requestId!);
    await expectEcho(patientId, 'after the cancelled call');
  }, 30_000);
});
