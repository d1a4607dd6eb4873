// Pure conversions between a registration as given (secrets as values or references) and as stored.
import type { CreateServerBody, ServerAuth, ServerAuthInput } from '@mcp-studio/protocol';
import { presentServer } from './present.js';
import type { SecretSlot } from './secrets.js';
import type { ServerRow } from './store.js';

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_CONCURRENCY = 8;

/** The secrets of a registration, each named by where it is used. */
export function slotsOf(body: CreateServerBody): SecretSlot[] {
  const slots: SecretSlot[] = [];
  const auth = body.auth;
  if (auth?.type === 'bearer') slots.push({ key: 'auth.token', type: 'token', input: auth.token });
  if (auth?.type === 'api_key') slots.push({ key: 'auth.value', type: 'api_key', input: auth.value });
  if (auth?.type === 'basic') slots.push({ key: 'auth.password', type: 'password', input: auth.password });
  if (auth?.type === 'mtls') {
    slots.push({ key: 'auth.certificate', type: 'certificate', input: auth.certificate });
    slots.push({ key: 'auth.privateKey', type: 'secret', input: auth.privateKey });
    if (auth.ca) slots.push({ key: 'auth.ca', type: 'certificate', input: auth.ca });
  }
  for (const [name, input] of Object.entries(body.secretEnv ?? {}))
    slots.push({ key: `env.${name}`, type: 'secret', input });
  for (const [name, input] of Object.entries(body.secretHeaders ?? {})) {
    slots.push({ key: `header.${name}`, type: 'secret', input });
  }
  return slots;
}

/** The stored form of the authentication: its shape and credential ids. */
export function storedAuth(auth: CreateServerBody['auth'], ids: Map<string, string>): ServerAuth {
  const id = (key: string) => ids.get(key)!;
  switch (auth?.type) {
    case undefined:
    case 'none':
      return { type: 'none' };
    case 'bearer':
      return { type: 'bearer', credentialId: id('auth.token') };
    case 'api_key':
      return { type: 'api_key', in: auth.in ?? 'header', name: auth.name, credentialId: id('auth.value') };
    case 'basic':
      return { type: 'basic', username: auth.username, credentialId: id('auth.password') };
    case 'mtls':
      return {
        type: 'mtls',
        certificateCredentialId: id('auth.certificate'),
        privateKeyCredentialId: id('auth.privateKey'),
        caCredentialId: ids.get('auth.ca') ?? null,
      };
  }
}

/** A stored registration as an input, secrets as references, so a change can be merged onto it and re-checked. */
export function inputOf(row: ServerRow): CreateServerBody {
  const server = presentServer(row);
  const ref = (credentialId: string) => ({ credentialId });
  const auth: ServerAuthInput = (() => {
    const a = server.auth;
    switch (a.type) {
      case 'none':
        return { type: 'none' };
      case 'bearer':
        return { type: 'bearer', token: ref(a.credentialId) };
      case 'api_key':
        return { type: 'api_key', in: a.in, name: a.name, value: ref(a.credentialId) };
      case 'basic':
        return { type: 'basic', username: a.username, password: ref(a.credentialId) };
      case 'mtls':
        return {
          type: 'mtls',
          certificate: ref(a.certificateCredentialId),
          privateKey: ref(a.privateKeyCredentialId),
          ...(a.caCredentialId ? { ca: ref(a.caCredentialId) } : {}),
        };
    }
  })();
  const isStdio = server.transport === 'stdio';
  const optional = <T>(value: T | null) => value ?? undefined;
  return {
    name: server.name,
    description: optional(server.description),
    transport: server.transport,
    ...(isStdio
      ? {
          command: optional(server.command),
          args: server.args,
          env: server.env,
          secretEnv: server.secretEnv,
          cwd: optional(server.cwd),
          manifest: server.manifest,
        }
      : { url: optional(server.url), headers: server.headers, secretHeaders: server.secretHeaders }),
    auth,
    tags: server.tags,
    enabled: server.enabled,
    timeoutMs: server.timeoutMs,
    maxConcurrency: server.maxConcurrency,
    disabledTools: server.disabledTools,
  };
}

export function previousSecrets(row: ServerRow) {
  const ids = new Map<string, string>();
  for (const slot of slotsOf(inputOf(row))) {
    if (typeof slot.input !== 'string') ids.set(slot.key, slot.input.credentialId);
  }
  return { ids, owned: row.ownedCredentialIds };
}

/** The table columns of a registration whose secrets are the credential ids in `ids`. */
export function columnsOf(body: CreateServerBody, ids: Map<string, string>) {
  const refs = (names: string[], prefix: string) =>
    Object.fromEntries(names.map((name) => [name, { credentialId: ids.get(`${prefix}.${name}`)! }]));
  return {
    name: body.name,
    description: body.description ?? null,
    transport: body.transport,
    command: body.command ?? null,
    args: body.args ?? [],
    env: body.env ?? {},
    secretEnv: refs(Object.keys(body.secretEnv ?? {}), 'env'),
    cwd: body.cwd ?? null,
    url: body.url ?? null,
    headers: body.headers ?? {},
    secretHeaders: refs(Object.keys(body.secretHeaders ?? {}), 'header'),
    auth: storedAuth(body.auth, ids),
    tags: body.tags ?? [],
    // A manifest's permissions are shown before the server runs: it starts disabled unless enabled explicitly.
    enabled: body.enabled ?? !body.manifest,
    timeoutMs: body.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxConcurrency: body.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY,
    manifest: body.manifest ?? null,
    disabledTools: body.disabledTools ?? [],
  };
}
