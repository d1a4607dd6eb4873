// How to reach a registered server: its transport target with secrets fetched from the vault (audited as `used`).
import type { McpServer, ServerAuth } from '@mcp-studio/protocol';
import { AppError } from '../../platform/http/errors.js';
import type { ServerTarget } from './connection/transports.js';

/** Reads one credential's value on the server's behalf; the vault records the use. */
export type UseSecret = (credentialId: string) => Promise<string>;

/** Whether the studio may connect to a URL; the rule and message explain a refusal. */
export type UrlCheck = (url: string) => Promise<{ ok: true } | { ok: false; rule: string; message: string }>;

/** Checked when a registration is saved and again before every connection, after resolving the name anew. */
export async function assertUrlAllowed(check: UrlCheck, url: string): Promise<void> {
  const verdict = await check(url);
  if (!verdict.ok) throw new AppError('url_not_allowed', 400, verdict.message, { rule: verdict.rule });
}

/** What a connection needs of a registration. */
export type ConnectableServer = Pick<
  McpServer,
  'transport' | 'command' | 'args' | 'env' | 'secretEnv' | 'cwd' | 'url' | 'headers' | 'secretHeaders' | 'auth'
>;

async function authHeaders(
  auth: ServerAuth,
  use: UseSecret,
): Promise<{ headers: Record<string, string>; query: Record<string, string> }> {
  switch (auth.type) {
    case 'none':
    case 'mtls':
      return { headers: {}, query: {} };
    case 'bearer':
      return { headers: { Authorization: `Bearer ${await use(auth.credentialId)}` }, query: {} };
    case 'basic': {
      const password = await use(auth.credentialId);
      const encoded = Buffer.from(`${auth.username}:${password}`, 'utf8').toString('base64');
      return { headers: { Authorization: `Basic ${encoded}` }, query: {} };
    }
    case 'api_key': {
      const value = await use(auth.credentialId);
      return auth.in === 'header'
        ? { headers: { [auth.name]: value }, query: {} }
        : { headers: {}, query: { [auth.name]: value } };
    }
  }
}

async function resolveAll(
  refs: Record<string, { credentialId: string }>,
  use: UseSecret,
): Promise<Record<string, string>> {
  const entries = await Promise.all(
    Object.entries(refs).map(async ([name, ref]) => [name, await use(ref.credentialId)] as const),
  );
  return Object.fromEntries(entries);
}

export async function buildTarget(server: ConnectableServer, use: UseSecret): Promise<ServerTarget> {
  if (server.transport === 'stdio') {
    return {
      transport: 'stdio',
      command: server.command ?? '',
      args: server.args,
      env: { ...server.env, ...(await resolveAll(server.secretEnv, use)) },
      ...(server.cwd ? { cwd: server.cwd } : {}),
    };
  }
  if (server.auth.type === 'mtls') {
    throw new AppError(
      'not_supported_yet',
      501,
      'Client certificates (mTLS) are stored but not yet used for connections',
    );
  }
  const auth = await authHeaders(server.auth, use);
  const url = new URL(server.url ?? '');
  for (const [name, value] of Object.entries(auth.query)) url.searchParams.set(name, value);
  return {
    transport: server.transport,
    url: url.toString(),
    headers: { ...server.headers, ...(await resolveAll(server.secretHeaders, use)), ...auth.headers },
  };
}
