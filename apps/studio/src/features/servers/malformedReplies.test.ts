// Servers that send malformed or oversized messages, seen through the studio's HTTP API: clean failures only.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_CHECKS_PASSED,
  FIXTURES,
  type FixtureStudio,
  startFixtureStudio,
  textOf,
} from '../../test/fixtureServers.js';

let fx: FixtureStudio;
let htmlEndpoint: http.Server;

beforeAll(async () => {
  fx = await startFixtureStudio();
  htmlEndpoint = http.createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Welcome</title>');
  });
  await new Promise<void>((resolve) => htmlEndpoint.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await fx.close();
  await new Promise((resolve) => htmlEndpoint.close(resolve));
});

describe('servers that send malformed messages', () => {
  it('skips junk lines on stdout, JSON that is not JSON-RPC included, and keeps answering', async () => {
    const id = await fx.register(FIXTURES.misbehaving, ['garbage']);
    const tested = (await fx.api('POST', `/api/servers/${id}/test`)).json();
    expect(tested).toMatchObject({ ok: true, serverInfo: { name: 'misbehaving-garbage' } });
    expect(tested.checks.map((c: { check: string; ok: boolean }) => [c.check, c.ok])).toEqual(ALL_CHECKS_PASSED);
    for (const word of ['one', 'two', 'three'])
      expect(textOf(await fx.callTool(id, 'echo', { text: word }))).toBe(`Echo: ${word}`);
  });

  it('answers 502 upstream_error for a tools/list of the wrong shape, and the studio is unharmed', async () => {
    const id = await fx.register(FIXTURES.misbehaving, ['bad-list']);
    const tested = (await fx.api('POST', `/api/servers/${id}/test`)).json();
    expect(tested).toMatchObject({ ok: false, reason: 'protocol' });
    expect(tested.checks.map((c: { check: string; ok: boolean }) => [c.check, c.ok])).toEqual([
      ['connect', true],
      ['initialize', true],
      ['ping', true],
      ['tools', false],
    ]);
    expect(tested.message).toBe(
      'Not an MCP server, or not one this studio understands (while listing tools): its reply to tools/list does ' +
        'not follow the MCP schema (tools: Invalid input: expected array, received string).',
    );
    const listed = await fx.api('POST', `/api/servers/${id}/refresh`);
    expect(listed.statusCode, listed.body).toBe(502);
    expect(listed.json().error).toEqual({
      code: 'upstream_error',
      message:
        "The MCP server's reply to tools/list does not follow the MCP schema: tools: Invalid input: expected array, received string",
    });
    const other = await fx.register(FIXTURES.misbehaving, ['none']);
    expect(textOf(await fx.callTool(other, 'echo', { text: 'fine' }))).toBe('Echo: fine');
  });

  it.each(['stdio', 'http'] as const)(
    'checks the answer to a tool call over %s as the MCP SDK does: its shape, its output schema, its errors',
    async (transport) => {
      const id =
        transport === 'http' ? await fx.registerHttp('none') : await fx.register(FIXTURES.misbehaving, ['none']);
      const failure = async (name: string, args: Record<string, unknown> = {}) => {
        const res = await fx.callTool(id, name, args);
        expect(res.statusCode, res.body).toBe(502);
        return res.json().error;
      };
      expect(await failure('formless')).toEqual({
        code: 'upstream_error',
        message:
          "The MCP server's reply to tools/call does not follow the MCP schema: content: Invalid input: expected array, received string",
      });
      expect(await failure('fail')).toEqual({
        code: 'upstream_error',
        message: 'The MCP server answered with an error: Tool failed on purpose',
        details: { jsonRpcCode: -32001 },
      });
      const shaped = await fx.callTool(id, 'shaped', { n: 3 });
      expect(shaped.statusCode, shaped.body).toBe(200);
      expect(shaped.json().structuredContent).toEqual({ n: 3 });
      expect(await failure('shaped', { n: 'three' })).toEqual({
        code: 'upstream_error',
        message: "The MCP server's reply does not match the tool's output schema: data/n must be number",
      });
      expect(textOf(await fx.callTool(id, 'echo', { text: 'still fine' }))).toBe('Echo: still fine');
    },
  );

  it('ignores a reply to a request id it never sent', async () => {
    const id = await fx.register(FIXTURES.misbehaving, ['unknown-id']);
    expect((await fx.api('POST', `/api/servers/${id}/test`)).json()).toMatchObject({ ok: true });
    expect(textOf(await fx.callTool(id, 'echo', { text: 'matched' }))).toBe('Echo: matched');
    expect(textOf(await fx.callTool(id, 'echo', { text: 'again' }))).toBe('Echo: again');
  });

  it('reports an HTTP endpoint that answers with an HTML page as protocol, after a successful connect', async () => {
    const { port } = htmlEndpoint.address() as AddressInfo;
    const res = await fx.api('POST', '/api/servers/test', {
      name: 'web page',
      transport: 'streamable-http',
      url: `http://127.0.0.1:${port}/mcp`,
      timeoutMs: 5000,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      ok: false,
      reason: 'protocol',
      message: expect.stringContaining('text/html'),
      checks: [
        { check: 'connect', ok: true },
        { check: 'initialize', ok: false },
      ],
    });
  });

  it('passes a 2 MB reply through, and ends the connection on a 20 MB one (over the 10 MiB limit)', async () => {
    const id = await fx.register(FIXTURES.misbehaving, ['none']);
    expect(textOf(await fx.callTool(id, 'huge', { bytes: 2_000_000 }))).toHaveLength(2_000_000);
    const huge = await fx.callTool(id, 'huge', { bytes: 20_000_000 });
    expect(huge.statusCode, huge.body.slice(0, 500)).toBe(502);
    expect(huge.json().error).toMatchObject({
      code: 'connection_lost',
      message: expect.stringContaining('over the 10 MiB limit'),
    });
    expect(textOf(await fx.callTool(id, 'echo', { text: 'restarted' }))).toBe('Echo: restarted');
  });

  it('fails an HTTP reply over the 10 MiB limit with 502, and the session stays usable', async () => {
    const id = await fx.registerHttp('none');
    expect(textOf(await fx.callTool(id, 'huge', { bytes: 2_000_000 }))).toHaveLength(2_000_000);
    const huge = await fx.callTool(id, 'huge', { bytes: 20_000_000 });
    expect(huge.statusCode, huge.body.slice(0, 500)).toBe(502);
    expect(huge.json().error).toEqual({
      code: 'upstream_error',
      message: "The MCP server's reply was dropped: the server sent a message over the 10 MiB limit",
    });
    expect(textOf(await fx.callTool(id, 'echo', { text: 'still here' }))).toBe('Echo: still here');
  });

  it('leaves no server process behind when the studio closes', async () => {
    expect(fx.processes().length).toBeGreaterThan(0);
    await fx.close();
    expect(fx.processes()).toEqual([]);
  });
});
