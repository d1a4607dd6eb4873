import type { CallToolResult } from '@mcp-studio/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, registerServer, startStudioWithServer } from '../../test/harness.js';
import { everythingStdio, startEverythingHttp } from '../../test/peers.js';

// server-everything reached over each HTTP transport through the studio's API: catalog, calls, resources, prompts.
describe.each([
  ['streamable-http', '/mcp'],
  ['sse', '/sse'],
] as const)('server-everything over %s', (transport, route) => {
  let peer: Awaited<ReturnType<typeof startEverythingHttp>>;
  let setup: Awaited<ReturnType<typeof startStudioWithServer>>;
  let serverId: string;
  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    callApi(setup.studio.app, setup.admin.accessToken, method, url, payload);

  beforeAll(async () => {
    peer = await startEverythingHttp();
    // The studio starts with a stdio server of its own; the HTTP one is registered next to it.
    setup = await startStudioWithServer(
      { name: 'everything', ...everythingStdio },
      {
        EXTERNAL_MCP_ALLOW_PRIVATE_NETWORKS: 'true',
        EXTERNAL_MCP_ALLOWED_PROTOCOLS: 'http,https',
      },
    );
    serverId = await registerServer(setup.studio.app, setup.admin.accessToken, {
      name: `everything over ${transport}`,
      transport,
      url: `http://127.0.0.1:${peer.port}${route}`,
    });
  });
  afterAll(async () => {
    await setup?.studio.close();
    await peer?.stop();
  });

  it('lists the same tools as over stdio, and calls them', async () => {
    const overHttp = (await call('GET', `/api/servers/${serverId}/tools`)).json() as { tools: { name: string }[] };
    const overStdio = (await call('GET', `/api/servers/${setup.serverId}/tools`)).json() as typeof overHttp;
    expect(overHttp.tools.map((t) => t.name).sort()).toEqual(overStdio.tools.map((t) => t.name).sort());

    const echo = await call('POST', `/api/servers/${serverId}/tools/echo/call`, {
      arguments: { message: 'over http' },
    });
    expect(echo.statusCode).toBe(200);
    expect((echo.json() as CallToolResult).content).toEqual([{ type: 'text', text: 'Echo: over http' }]);
    const sum = await call('POST', `/api/servers/${serverId}/tools/get-sum/call`, { arguments: { a: 20, b: 22 } });
    expect(JSON.stringify((sum.json() as CallToolResult).content)).toContain('42');
  });

  it('reads a resource and gets a prompt', async () => {
    const { resources } = (await call('GET', `/api/servers/${serverId}/resources`)).json() as {
      resources: { uri: string }[];
    };
    expect(resources.length).toBeGreaterThan(0);
    const read = await call('POST', `/api/servers/${serverId}/resources/read`, { uri: resources[0]?.uri });
    expect(read.statusCode).toBe(200);
    expect((read.json() as { contents: { uri: string }[] }).contents[0]?.uri).toBe(resources[0]?.uri);

    const prompt = await call('POST', `/api/servers/${serverId}/prompts/args-prompt/get`, {
      arguments: { city: 'Lyon' },
    });
    expect(prompt.statusCode).toBe(200);
    expect(JSON.stringify(prompt.json())).toContain('Lyon');
  });
});
