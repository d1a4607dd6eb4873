import fs from 'node:fs';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../../test/testNode.js';

type TextResult = {
  content: { type: string; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
};

describe("an agent's own tools at /mcp", () => {
  let node: TestNode;
  const clients: Client[] = [];

  beforeEach(async () => {
    node = await startTestNode();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close().catch(() => undefined)));
    await node.close();
  });

  const provision = (name: string) => node.provision(name, { engine: 'custom' });

  async function connect(token: string): Promise<Client> {
    const client = new Client({ name: 'agent-mcp-test', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(`${node.base}/mcp`), {
      requestInit: { headers: node.auth(token) },
    });
    await client.connect(transport);
    clients.push(client);
    return client;
  }

  const call = async (client: Client, name: string, args: Record<string, unknown>) =>
    (await client.callTool({ name, arguments: args })) as TextResult;

  it('lists the five tools and works on the files of its home', async () => {
    const { agent, credentials } = await provision('coder');
    const client = await connect(credentials.token);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'fs_list',
      'fs_read',
      'fs_search',
      'fs_write',
      'shell_exec',
    ]);

    const written = await call(client, 'fs_write', { path: 'notes/todo.md', content: '# ship the node\n' });
    expect(written.isError).toBeFalsy();
    expect(fs.readFileSync(path.join(agent.home, 'notes/todo.md'), 'utf8')).toBe('# ship the node\n');

    const read = await call(client, 'fs_read', { path: 'notes/todo.md' });
    expect(read.content[0]?.text).toBe('# ship the node\n');
    const listed = await call(client, 'fs_list', { path: 'notes' });
    expect(JSON.stringify(listed.structuredContent)).toContain('todo.md');
    const found = await call(client, 'fs_search', { query: 'ship', content: true });
    expect(JSON.stringify(found.structuredContent)).toContain('notes/todo.md');
  });

  it('runs commands in its home and reports a failing exit code as an error', async () => {
    const { agent, credentials } = await provision('coder');
    const client = await connect(credentials.token);
    const ok = await call(client, 'shell_exec', { command: 'pwd; echo "$HOME"' });
    expect(ok.isError).toBeFalsy();
    expect(ok.structuredContent).toMatchObject({ exitCode: 0, stdout: `${agent.home}\n${agent.home}\n` });
    const failed = await call(client, 'shell_exec', { command: 'echo oops >&2; exit 4' });
    expect(failed.isError).toBe(true);
    expect(failed.structuredContent).toMatchObject({ exitCode: 4, stderr: 'oops\n' });
  });

  it('refuses paths outside the home as a tool error, touching nothing', async () => {
    const { credentials } = await provision('coder');
    const client = await connect(credentials.token);
    const escaped = await call(client, 'fs_read', { path: '../../../etc/passwd' });
    expect(escaped.isError).toBe(true);
    expect(escaped.content[0]?.text).toMatch(/^path_outside_home: /);
    const absolute = await call(client, 'fs_write', { path: '/tmp/agent-mcp-escape', content: 'x' });
    expect(absolute.isError).toBe(true);
    expect(fs.existsSync('/tmp/agent-mcp-escape')).toBe(false);
  });

  it('keeps each agent in its own home, and answers the master token and no token with 403 and 401', async () => {
    const alpha = await provision('alpha');
    const beta = await provision('beta');
    fs.writeFileSync(path.join(alpha.agent.home, 'secret.txt'), 'alpha only');
    const client = await connect(beta.credentials.token);
    const read = await call(client, 'fs_read', { path: 'secret.txt' });
    expect(read.isError).toBe(true);
    expect(read.content[0]?.text).not.toContain('alpha only');

    const body = { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} };
    const headers = { accept: 'application/json, text/event-stream', 'content-type': 'application/json' };
    const master = await node.app.inject({
      method: 'POST',
      url: '/mcp',
      headers: { ...headers, ...node.auth() },
      payload: body,
    });
    expect(master.statusCode).toBe(403);
    expect(master.json().error.code).toBe('agent_token_required');
    const anonymous = await node.app.inject({ method: 'POST', url: '/mcp', headers, payload: body });
    expect(anonymous.statusCode).toBe(401);
  });

  it('runs nothing for a suspended agent', async () => {
    const { agent, credentials } = await provision('coder');
    const client = await connect(credentials.token);
    await node.app.inject({ method: 'POST', url: `/api/agents/${agent.id}/suspend`, headers: node.auth() });
    const refused = await call(client, 'shell_exec', { command: 'touch ran' });
    expect(refused.isError).toBe(true);
    expect(refused.content[0]?.text).toMatch(/^agent_suspended: /);
    expect(fs.existsSync(path.join(agent.home, 'ran'))).toBe(false);
  });
});
