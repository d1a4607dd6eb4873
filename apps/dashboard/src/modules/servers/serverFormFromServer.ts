// A saved registration as the settings form's starting point: secrets stay references to their vault credentials.
import type { McpServer, ServerManifest } from '@mcp-studio/protocol';
import {
  EMPTY_FORM,
  EMPTY_MANIFEST,
  type ManifestForm,
  newSecretPair,
  type SecretDraft,
  type ServerForm,
} from './serverForm';

const stored = (credentialId: string): SecretDraft => ({ mode: 'stored', credentialId });

/** Whole mebibytes print plainly; other sizes keep three decimals. */
function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? String(mb) : String(Number(mb.toFixed(3)));
}

function manifestForm(manifest: ServerManifest): ManifestForm {
  return {
    ...EMPTY_MANIFEST,
    name: manifest.name,
    version: manifest.version,
    description: manifest.description ?? '',
    permissions: [...manifest.permissions],
    readablePaths: (manifest.readablePaths ?? []).join('\n'),
    writablePaths: (manifest.writablePaths ?? []).join('\n'),
    allowedHosts: (manifest.allowedHosts ?? []).join(', '),
    allowedPorts: (manifest.allowedPorts ?? []).join(', '),
    maxFileSizeMb: manifest.maxFileSizeBytes === undefined ? '' : megabytes(manifest.maxFileSizeBytes),
    maxMemoryMb: manifest.maxMemoryMb === undefined ? '' : String(manifest.maxMemoryMb),
    maxCpuSeconds: manifest.maxCpuSeconds === undefined ? '' : String(manifest.maxCpuSeconds),
  };
}

function authFields(auth: McpServer['auth']): Partial<ServerForm> {
  switch (auth.type) {
    case 'none':
      return { authType: 'none' };
    case 'api_key':
      return { authType: 'api_key', apiKeyIn: auth.in, apiKeyName: auth.name, apiKey: stored(auth.credentialId) };
    case 'basic':
      return { authType: 'basic', username: auth.username, password: stored(auth.credentialId) };
    case 'bearer':
      return { authType: 'bearer', token: stored(auth.credentialId) };
    case 'mtls':
      return {
        authType: 'mtls',
        certificate: stored(auth.certificateCredentialId),
        privateKey: stored(auth.privateKeyCredentialId),
        hasCa: auth.caCredentialId !== null,
        ...(auth.caCredentialId ? { ca: stored(auth.caCredentialId) } : {}),
      };
  }
}

export function formFromServer(server: McpServer): ServerForm {
  const pairs = (record: Record<string, { credentialId: string }>) =>
    Object.entries(record).map(([name, { credentialId }]) => newSecretPair(name, stored(credentialId)));
  return {
    ...EMPTY_FORM,
    name: server.name,
    description: server.description ?? '',
    transport: server.transport,
    command: server.command ?? '',
    args: server.args.join('\n'),
    env: Object.entries(server.env)
      .map(([key, value]) => `${key}=${value}`)
      .join('\n'),
    cwd: server.cwd ?? '',
    url: server.url ?? '',
    headers: Object.entries(server.headers)
      .map(([key, value]) => `${key}: ${value}`)
      .join('\n'),
    tags: server.tags.join(', '),
    timeoutSeconds: String(server.timeoutMs / 1000),
    maxConcurrency: String(server.maxConcurrency),
    hasManifest: server.manifest !== null,
    manifest: server.manifest ? manifestForm(server.manifest) : { ...EMPTY_MANIFEST, name: server.name },
    ...authFields(server.auth),
    secretEnv: pairs(server.secretEnv),
    secretHeaders: pairs(server.secretHeaders),
    disabledTools: [...server.disabledTools],
    enabled: server.enabled,
  };
}
