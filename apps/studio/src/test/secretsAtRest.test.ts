import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../platform/db/database.js';
import { bearer, startTestStudio } from './harness.js';

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

// The embedded database's files are what a stolen disk would expose (the PostgreSQL project leaves this file out).
describe('secrets at rest and in logs', () => {
  it('keeps a canary secret, passwords and tokens out of the data directory and the logs', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-canary-'));
    const canary = `CANARY-${Date.now()}-d8f1e0c3b5a7`;
    const password = `PW-${canary}`;
    const database = await openDatabase({ kind: 'pglite', dataDir });
    await database.migrate();
    const studio = await startTestStudio({ database, env: { LOG_LEVEL: 'trace' } });
    const register = await studio.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: 'canary@example.test', password, name: 'Canary' },
    });
    const { accessToken, refreshToken } = register.json();
    const headers = bearer(accessToken);
    const created = await studio.app.inject({
      method: 'POST',
      url: '/api/credentials',
      headers,
      payload: { name: 'canary', type: 'secret', value: canary },
    });
    const id = created.json().id;
    await studio.app.inject({
      method: 'PATCH',
      url: `/api/credentials/${id}`,
      headers,
      payload: { value: `${canary}-2` },
    });
    const revealed = await studio.app.inject({ url: `/api/credentials/${id}/value`, headers });
    expect(revealed.json().value).toBe(`${canary}-2`);
    const token = (
      await studio.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers,
        payload: { name: 't', permissions: ['*'] },
      })
    ).json().token;
    await studio.app.inject({ url: '/api/credentials', headers: bearer(token) });
    await studio.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'canary@example.test', password },
    });
    await studio.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken } });
    await studio.close();

    const needles = [canary, password, token, refreshToken, accessToken];
    for (const file of filesUnder(dataDir)) {
      const bytes = fs.readFileSync(file);
      for (const needle of needles) expect(bytes.includes(needle), `${needle.slice(0, 12)}… in ${file}`).toBe(false);
    }
    const logs = studio.logs();
    expect(logs).toContain('request completed');
    for (const needle of needles) expect(logs.includes(needle), `${needle.slice(0, 12)}… in logs`).toBe(false);
  });
});
