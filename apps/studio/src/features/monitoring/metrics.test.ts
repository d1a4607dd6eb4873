import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { SessionTokens } from '@mcp-studio/protocol';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  bearer,
  callApi,
  registerOwner,
  registerServer,
  startTestStudio,
  type TestStudio,
} from '../../test/harness.js';
import { injectJsonRpc } from '../../test/mcpHttp.js';
import { everythingStdio } from '../../test/peers.js';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The exposition format's sample lines: `name{label="value",…} number`; comments skipped. */
function parseSamples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels: Record<string, string> = {};
      for (const [, key, value] of (match[2] ?? '').matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)) {
        labels[key as string] = (value as string).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
      }
      return { name: match[1] as string, labels, value: Number(match[3]) };
    });
}

/** The value of the one sample named `name` whose labels include `labels`; undefined when there is none. */
function sampleValue(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value),
  );
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

const deployDir = new URL('../../../../../deploy/', import.meta.url);
const METRICS_TOKEN = 'metrics-token-for-the-test-0123456789';

type TextResult = { content: { type: string; text: string }[]; isError?: boolean };

describe('GET /metrics', () => {
  let studio: TestStudio;
  let admin: SessionTokens;
  let everythingId: string;
  let token: string;
  let tokenId: string;
  let client: Client;

  beforeAll(async () => {
    studio = await startTestStudio({ env: { EXTERNAL_MCP_FREE_DAILY_LIMIT: '5' } });
    admin = await registerOwner(studio.app);
    everythingId = await registerServer(studio.app, admin.accessToken, {
      ...everythingStdio,
      name: 'everything',
      timeoutMs: 60_000,
    });
    const created = await callApi(studio.app, admin.accessToken, 'POST', '/api/tokens', {
      name: 'metrics',
      permissions: ['mcp:*'],
    });
    expect(created.statusCode, created.body).toBe(201);
    token = created.json().token;
    tokenId = created.json().apiToken.id;
    await studio.app.listen({ host: '127.0.0.1', port: 0 });
    const baseUrl = `http://127.0.0.1:${(studio.app.server.address() as AddressInfo).port}`;
    client = new Client({ name: 'metrics-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), { requestInit: { headers: bearer(token) } }),
    );
  }, 60_000);

  afterAll(async () => {
    await client?.close().catch(() => undefined);
    await studio?.close();
  });

  const scrape = async () => {
    const res = await studio.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };

  it('shows calls through /mcp by server and tool, gateway requests, availability and Node defaults', async () => {
    const echoed = (await client.callTool({ name: 'everything__echo', arguments: { message: 'hi' } })) as TextResult;
    expect(echoed.content[0]?.text).toBe('Echo: hi');
    // Refused by the studio's check of the tool's input schema: an error of the call, with its code.
    const invalid = (await client.callTool({ name: 'everything__echo', arguments: {} })) as TextResult;
    expect(invalid.isError).toBe(true);
    const read = await client.readResource({ uri: 'mcp-studio://everything/demo://resource/dynamic/text/7' });
    expect(read.contents).toHaveLength(1);
    expect(await studio.health.checkServer(everythingId)).toMatchObject({ ok: true, status: 'healthy' });

    // Usage events are recorded just after the answer goes out.
    const samples = await vi.waitFor(
      async () => {
        const found = parseSamples((await scrape()).body);
        expect(sampleValue(found, 'external_mcp_latency_seconds_count', { tool: 'resources/read' })).toBe(1);
        return found;
      },
      { timeout: 10_000, interval: 50 },
    );
    const res = await scrape();
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.body).toContain('# TYPE external_mcp_latency_seconds histogram');

    const server = everythingId;
    expect(sampleValue(samples, 'external_mcp_latency_seconds_count', { server, tool: 'echo', status: 'ok' })).toBe(1);
    expect(sampleValue(samples, 'external_mcp_latency_seconds_count', { server, tool: 'echo', status: 'error' })).toBe(
      1,
    );
    expect(
      sampleValue(samples, 'external_mcp_latency_seconds_bucket', { server, tool: 'echo', status: 'ok', le: '+Inf' }),
    ).toBe(1);
    expect(sampleValue(samples, 'external_mcp_errors_total', { server, code: 'invalid_arguments' })).toBe(1);
    expect(sampleValue(samples, 'mcp_gateway_requests_total', { endpoint: 'mcp', method: 'tools/call' })).toBe(2);
    expect(sampleValue(samples, 'mcp_gateway_requests_total', { endpoint: 'mcp', method: 'resources/read' })).toBe(1);
    expect(sampleValue(samples, 'external_mcp_availability', { server })).toBe(1);
    expect(sampleValue(samples, 'external_mcp_server_info', { server, slug: 'everything', name: 'everything' })).toBe(
      1,
    );
    expect(sampleValue(samples, 'external_mcp_health_checks_total', { server, result: 'ok' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(sampleValue(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);

    // Bounded labels: the resource URI stands as its method; no user, token or organization reaches the output.
    expect(res.body).not.toContain('demo://');
    const orgId = JSON.parse(Buffer.from(admin.accessToken.split('.')[1] ?? '', 'base64url').toString()).org;
    for (const secret of [admin.user.id, orgId, tokenId, token, admin.accessToken]) {
      expect(secret).toBeTruthy();
      expect(res.body).not.toContain(secret);
    }
  }, 60_000);

  it('counts a call refused over the daily quota', async () => {
    const before = sampleValue(parseSamples((await scrape()).body), 'mcp_quota_rejections_total', {
      method: 'tools/call',
    });
    expect(before).toBeUndefined();
    let refused = 0;
    for (let i = 0; i < 10 && refused === 0; i += 1) {
      const res = await injectJsonRpc(studio.app, token, {
        id: i,
        method: 'tools/call',
        params: { name: 'everything__echo', arguments: { message: `call ${i}` } },
      });
      if (res.statusCode === 429) refused += 1;
      else expect(res.statusCode, res.body).toBe(200);
    }
    expect(refused).toBe(1);
    await vi.waitFor(
      async () => {
        const samples = parseSamples((await scrape()).body);
        expect(sampleValue(samples, 'mcp_quota_rejections_total', { method: 'tools/call' })).toBe(1);
        expect(
          sampleValue(samples, 'external_mcp_latency_seconds_count', {
            server: everythingId,
            tool: 'echo',
            status: 'quota',
          }),
        ).toBe(1);
      },
      { timeout: 10_000, interval: 50 },
    );
  }, 60_000);

  it('answers only loopback callers without METRICS_TOKEN, whatever X-Forwarded-For says', async () => {
    const remote = await studio.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.7' });
    expect(remote.statusCode).toBe(403);
    expect(remote.body).not.toContain('external_mcp');
    const spoofed = await studio.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.7',
      headers: { 'x-forwarded-for': '127.0.0.1' },
    });
    expect(spoofed.statusCode).toBe(403);
    // A reverse proxy on this host forwards outside callers from loopback.
    const proxied = await studio.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { 'x-forwarded-for': '203.0.113.7' },
    });
    expect(proxied.statusCode).toBe(403);
    for (const remoteAddress of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
      const local = await studio.app.inject({ method: 'GET', url: '/metrics', remoteAddress });
      expect(local.statusCode, remoteAddress).toBe(200);
    }
  });

  it('ships alert rules and a dashboard that use only metrics the studio exposes', async () => {
    const exposed = parseSamples((await scrape()).body).map((s) => s.name);
    const body = (await scrape()).body;
    const typed = new Set([...body.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));
    const isExposed = (name: string) =>
      typed.has(name) || exposed.includes(name) || typed.has(name.replace(/_(bucket|count|sum)$/, ''));

    const alerts = parseYaml(await readFile(new URL('prometheus/alerts.yml', deployDir), 'utf8')) as {
      groups: { name: string; rules: { alert: string; expr: string; labels: { severity: string } }[] }[];
    };
    const rules = alerts.groups.flatMap((group) => group.rules);
    const healthRule = rules.find((rule) => rule.alert === 'ExternalMcpHealthChecksFailing');
    expect(healthRule?.expr.replace(/\s+/g, ' ').trim()).toBe(
      'sum by (server) (increase(external_mcp_health_checks_total{result="failed"}[5m])) / sum by (server) (increase(external_mcp_health_checks_total[5m])) > 0.3',
    );
    const prometheus = parseYaml(await readFile(new URL('prometheus/prometheus.yml', deployDir), 'utf8')) as {
      rule_files: string[];
      scrape_configs: { metrics_path: string; authorization: { type: string } }[];
    };
    expect(prometheus.rule_files).toEqual(['alerts.yml']);
    expect(prometheus.scrape_configs[0]).toMatchObject({ metrics_path: '/metrics', authorization: { type: 'Bearer' } });

    const dashboard = JSON.parse(await readFile(new URL('grafana/gateway.json', deployDir), 'utf8')) as {
      panels: { title: string; targets?: { expr: string }[] }[];
    };
    const exprs = [
      ...rules.map((rule) => rule.expr),
      ...dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr)),
    ];
    expect(exprs.length).toBeGreaterThan(10);
    const referenced = new Set(exprs.flatMap((expr) => expr.match(/\b(?:external_mcp|mcp|process|nodejs)_\w+/g) ?? []));
    expect(referenced).toContain('external_mcp_latency_seconds_bucket');
    expect([...referenced].filter((name) => !isExposed(name))).toEqual([]);
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  let studio: TestStudio;

  beforeAll(async () => {
    studio = await startTestStudio({ env: { METRICS_TOKEN, RATE_LIMIT_PER_MINUTE: '2' } });
  });

  afterAll(() => studio.close());

  it('refuses a scrape without the token or with another, from anywhere', async () => {
    const missing = await studio.app.inject({ method: 'GET', url: '/metrics' });
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(missing.body).not.toContain('process_cpu');
    const wrong = await studio.app.inject({ method: 'GET', url: '/metrics', headers: bearer(`${METRICS_TOKEN}x`) });
    expect(wrong.statusCode).toBe(401);
  });

  it('serves the holder of the token from any address, outside the rate limit, and never logs the token', async () => {
    for (let i = 0; i < 5; i += 1) {
      const res = await studio.app.inject({
        method: 'GET',
        url: '/metrics',
        remoteAddress: '203.0.113.7',
        headers: bearer(METRICS_TOKEN),
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).toContain('process_cpu_user_seconds_total');
    }
    expect(studio.logs()).toContain('/metrics');
    expect(studio.logs()).not.toContain(METRICS_TOKEN);
  });

  it('is left out of the OpenAPI document', async () => {
    const res = await studio.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toContain('/health');
    expect(Object.keys(res.json().paths)).not.toContain('/metrics');
  });
});
