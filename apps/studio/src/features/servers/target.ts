// How to reach a registered server: its transport target with secrets fetched from the vault (audited as `used`).
import type { McpServer, ServerAuth } from '@mcp-studio/protocol';
import { AppError } from '../../platform/http/errors.js';
import type { ClientTls } from './connection/httpAgent.js';
import type { ServerTarget } from './connection/transports.js';
import { confinementOf } from './manifestPolicy.js';

/** Reads one credential's value on the server's behalf; the vault records the use. */
export type UseSecret = (credentialId: string) => Promise<string>;

/** Whether the studio may connect to a URL, and to which addresses; the rule and message explain a refusal. */
export type UrlCheck = (
  url: string,
) => Promise<{ ok: true; addresses?: string[] } | { ok: false; rule: string; message: string }>;

/**
 * Checked when a registration is saved and again before every connection, after resolving the name anew. Returns
 * the addresses approved, which the connection must use (so the name cannot be rebound in between).
 */
export async function assertUrlAllowed(check: UrlCheck, url: string): Promise<string[] | undefined> {
  const verdict = await check(url);
  if (!verdict.ok) throw new AppError('url_not_allowed', 400, verdict.message, { rule: verdict.rule });
  return verdict.addresses;
}

/** What a connection needs of a registration. */
export type ConnectableServer = Pick<
  McpServer,
  | 'transport'
  | 'command'
  | 'args'
  | 'env'
  | 'secretEnv'
  | 'cwd'
  | 'url'
  | 'headers'
  | 'secretHeaders'
  | 'auth'
  | 'manifest'
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

/** `addresses`: what the URL check approved for an HTTP server, to connect to and nowhere else. */
export async function buildTarget(
  server: ConnectableServer,
  use: UseSecret,
  addresses?: string[],
): Promise<ServerTarget> {
  if (server.transport === 'stdio') {
    return {
      transport: 'stdio',
      command: server.command ?? '',
      args: server.args,
      env: { ...server.env, ...(await resolveAll(server.secretEnv, use)) },
      ...(server.cwd ? { cwd: server.cwd } : {}),
      ...confinementOf(server.manifest),
    };
  }
  const auth = await authHeaders(server.auth, use);
  const url = new URL(server.url ?? '');
  for (const [name, value] of Object.entries(auth.query)) url.searchParams.set(name, value);
  return {
    transport: server.transport,
    url: url.toString(),
    headers: { ...server.headers, ...(await resolveAll(server.secretHeaders, use)), ...auth.headers },
    ...(server.auth.type === 'mtls' ? { tls: await clientTls(server.auth, use) } : {}),
    ...(addresses?.length ? { addresses } : {}),
  };
}

/** The target of a connection about to be made: an HTTP URL is checked again, and pinned to what was approved. */
export async function connectionTarget(
  server: ConnectableServer,
  use: UseSecret,
  check: UrlCheck,
): Promise<ServerTarget> {
  const addresses = server.transport !== 'stdio' && server.url ? await assertUrlAllowed(check, server.url) : undefined;
  return buildTarget(server, use, addresses);
}

async function clientTls(auth: Extract<ServerAuth, { type: 'mtls' }>, use: UseSecret): Promise<ClientTls> {
  return {
    cert: await use(auth.certificateCredentialId),
    key: await use(auth.privateKeyCredentialId),
    ...(auth.caCredentialId ? { ca: await use(auth.caCredentialId) } : {}),
  };
}
