// A real agent server for tests: the app on a temporary DATA_DIR (homes, state), listening on 127.0.0.1.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CreatedAgent } from '@mcp-studio/protocol';
import { buildNodeApp } from '../app.js';
import { loadConfig } from '../config.js';
import { SecretBox } from '../platform/crypto/secretBox.js';
import type { App } from '../platform/http/app.js';
import { StateStore } from '../platform/state/stateStore.js';

export interface TestNode {
  app: App;
  /** http://127.0.0.1:<port> */
  base: string;
  masterToken: string;
  dataDir: string;
  /** Authorization header for the master token, or for `token`. */
  auth(token?: string): { authorization: string };
  /** One request through the app, with the master token or `token`. */
  call(
    method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    token?: string,
  ): Promise<Awaited<ReturnType<App['inject']>>>;
  /** Provisions an agent with the master token (engine claude unless `body` says otherwise); throws unless 201. */
  provision(name: string, body?: Record<string, unknown>): Promise<CreatedAgent>;
  close(): Promise<void>;
}

export async function startTestNode(env: Record<string, string> = {}): Promise<TestNode> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-node-'));
  const masterToken = `mcpm_${randomBytes(24).toString('base64url')}`;
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PATH: process.env.PATH, ...env });
  const state = await StateStore.open(dataDir);
  const app = await buildNodeApp({ config, state, box: new SecretBox(randomBytes(32)), masterToken });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const auth = (token = masterToken) => ({ authorization: `Bearer ${token}` });
  return {
    app,
    base: `http://127.0.0.1:${port}`,
    masterToken,
    dataDir,
    auth,
    call: (method, url, payload, token) =>
      app.inject({
        method,
        url,
        headers: auth(token),
        ...(payload === undefined ? {} : { payload: payload as object }),
      }),
    provision: async (name, body = {}) => {
      const created = await app.inject({
        method: 'POST',
        url: '/api/agents',
        headers: auth(),
        payload: { name, engine: 'claude', ...body },
      });
      if (created.statusCode !== 201) throw new Error(`provisioning ${name} failed: ${created.body}`);
      return created.json() as CreatedAgent;
    },
    close: async () => {
      await app.close();
      await state.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
