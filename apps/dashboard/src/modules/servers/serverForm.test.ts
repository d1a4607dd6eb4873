import { createServerBodySchema, type McpServer } from '@mcp-studio/protocol';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/apiError';
import { isSameManifest, manifestStatements } from './manifestSummary';
import { fieldErrorsOfApiError } from './serverApiErrors';
import { manifestOf, toServerBody } from './serverBody';
import { EMPTY_FORM, EMPTY_MANIFEST, newSecretPair, parseEnvLines, type ServerForm } from './serverForm';
import { formFromServer } from './serverFormFromServer';
import { stepOfField, validateStep } from './serverFormValidation';

const CREDENTIAL = '5b0f7c52-9d0e-4d35-9a55-6f1f3c8f2a10';
const OTHER_CREDENTIAL = '0c8f2a10-5b0f-4d35-9a55-6f1f3c8f7c52';
const stdio = (change: Partial<ServerForm> = {}): ServerForm => ({
  ...EMPTY_FORM,
  name: 'x',
  command: 'node',
  ...change,
});
const http = (change: Partial<ServerForm> = {}): ServerForm => ({
  ...EMPTY_FORM,
  name: 'remote',
  transport: 'streamable-http',
  url: 'https://mcp.example/mcp',
  ...change,
});

describe('the server form as a create body', () => {
  it('turns a stdio form into a create body: arguments per line, KEY=value, secrets new or by credential', () => {
    const result = toServerBody({
      ...EMPTY_FORM,
      name: ' Everything ',
      command: ' node ',
      args: '/opt/everything/dist/index.js\n\nstdio\n',
      env: 'LOG_LEVEL=debug\nEMPTY=',
      cwd: ' /srv ',
      secretEnv: [
        newSecretPair('API_KEY', { mode: 'new', value: 's3cr=t' }),
        newSecretPair('DB_PASSWORD', { mode: 'existing', credentialId: CREDENTIAL }),
      ],
      tags: 'demo, , local',
      timeoutSeconds: '12.5',
      maxConcurrency: '3',
      disabledTools: ['longRunningOperation'],
      enabled: false,
    });
    expect(result).toEqual({
      ok: true,
      body: {
        name: 'Everything',
        transport: 'stdio',
        command: 'node',
        args: ['/opt/everything/dist/index.js', 'stdio'],
        env: { LOG_LEVEL: 'debug', EMPTY: '' },
        secretEnv: { API_KEY: 's3cr=t', DB_PASSWORD: { credentialId: CREDENTIAL } },
        cwd: '/srv',
        tags: ['demo', 'local'],
        timeoutMs: 12_500,
        maxConcurrency: 3,
        disabledTools: ['longRunningOperation'],
        enabled: false,
      },
    });
  });

  it('leaves out what is blank, so the studio applies its defaults, but always says whether to enable', () => {
    expect(toServerBody(stdio())).toEqual({
      ok: true,
      body: { name: 'x', transport: 'stdio', command: 'node', enabled: true },
    });
  });

  it('sends a manifest with its permissions, paths, hosts, ports and size limit', () => {
    const manifest = {
      ...EMPTY_MANIFEST,
      name: 'fs',
      version: '2.0.0',
      permissions: ['file_system_read' as const, 'network_access' as const],
      readablePaths: '/data\n/home/me/docs\n',
      allowedHosts: 'api.github.com, example.org',
      allowedPorts: '443 8443',
      maxFileSizeMb: '1.5',
    };
    const result = toServerBody(stdio({ hasManifest: true, manifest }));
    expect(result).toMatchObject({
      ok: true,
      body: {
        manifest: {
          name: 'fs',
          version: '2.0.0',
          permissions: ['file_system_read', 'network_access'],
          readablePaths: ['/data', '/home/me/docs'],
          allowedHosts: ['api.github.com', 'example.org'],
          allowedPorts: [443, 8443],
          maxFileSizeBytes: 1_572_864,
        },
      },
    });
    expect(result.ok && createServerBodySchema.safeParse(result.body).success).toBe(true);
  });

  it('sends only the fields of an HTTP transport, with each kind of authentication', () => {
    const base = http({ command: 'ignored', env: 'IGNORED=1', headers: 'X-Workspace: docs\nAccept-Language:  fr ' });
    expect(toServerBody({ ...base, authType: 'bearer', token: { mode: 'new', value: 'tok' } })).toEqual({
      ok: true,
      body: {
        name: 'remote',
        transport: 'streamable-http',
        url: 'https://mcp.example/mcp',
        headers: { 'X-Workspace': 'docs', 'Accept-Language': 'fr' },
        auth: { type: 'bearer', token: 'tok' },
        enabled: true,
      },
    });
    const authOf = (change: Partial<ServerForm>) => {
      const result = toServerBody({ ...base, ...change });
      return result.ok ? result.body.auth : result.errors;
    };
    const apiKey = { mode: 'existing' as const, credentialId: CREDENTIAL };
    expect(authOf({ authType: 'api_key', apiKeyIn: 'query', apiKeyName: ' key ', apiKey })).toEqual({
      type: 'api_key',
      in: 'query',
      name: 'key',
      value: { credentialId: CREDENTIAL },
    });
    expect(authOf({ authType: 'basic', username: ' ada ', password: { mode: 'new', value: 'pw' } })).toEqual({
      type: 'basic',
      username: 'ada',
      password: 'pw',
    });
    const pem = (label: string) => ({ mode: 'new' as const, value: `-----BEGIN ${label}-----` });
    const mtls = { ...base, authType: 'mtls' as const, certificate: pem('CERTIFICATE'), privateKey: pem('KEY') };
    expect(authOf(mtls)).toEqual({
      type: 'mtls',
      certificate: '-----BEGIN CERTIFICATE-----',
      privateKey: '-----BEGIN KEY-----',
    });
    expect(authOf({ ...mtls, hasCa: true, ca: pem('CA') })).toMatchObject({ type: 'mtls', ca: '-----BEGIN CA-----' });
  });
});

describe('the server form’s checks', () => {
  it('puts each problem on its own field, and a step only checks its own fields', () => {
    const form = stdio({ name: ' ', command: '', env: 'oops', timeoutSeconds: '0', maxConcurrency: '2.5', tags: 'a' });
    expect(validateStep(form, 'basics')).toEqual({
      name: { key: 'required' },
      command: { key: 'required' },
      env: { key: 'badEnvLine', values: { line: 'oops' } },
      timeoutSeconds: { key: 'range', values: { min: 1, max: 600 } },
      maxConcurrency: { key: 'range', values: { min: 1, max: 256 } },
    });
    expect(validateStep(form, 'auth')).toEqual({});
    expect(toServerBody(form)).toMatchObject({ ok: false, errors: { name: { key: 'required' } } });
  });

  it('checks a URL and header lines for HTTP transports', () => {
    expect(validateStep(http({ url: 'mcp.example' }), 'basics')).toEqual({ url: { key: 'badUrl' } });
    expect(validateStep(http({ url: 'ftp://mcp.example' }), 'basics')).toEqual({ url: { key: 'badUrl' } });
    expect(validateStep(http({ url: '' }), 'basics')).toEqual({ url: { key: 'required' } });
    expect(validateStep(http({ headers: 'X-Ok: 1\nno colon' }), 'basics')).toEqual({
      headers: { key: 'badHeaderLine', values: { line: 'no colon' } },
    });
    expect(validateStep(http({ headers: 'Bad Name: 1' }), 'basics')).toEqual({
      headers: { key: 'badHeaderName', values: { name: 'Bad Name' } },
    });
  });

  it('reports a missing or clashing secret on its row, and never echoes a secret value', () => {
    const blank = newSecretPair('TOKEN');
    const clash = newSecretPair('LOG_LEVEL', { mode: 'new', value: 'hunter2' });
    const noCredential = newSecretPair('2BAD', { mode: 'existing', credentialId: '' });
    const errors = validateStep(stdio({ env: 'LOG_LEVEL=debug', secretEnv: [blank, clash, noCredential] }), 'auth');
    expect(errors).toEqual({
      [`secretEnv.${blank.key}.value`]: { key: 'secretRequired' },
      [`secretEnv.${clash.key}.name`]: { key: 'duplicateName', values: { name: 'LOG_LEVEL' } },
      [`secretEnv.${noCredential.key}.name`]: { key: 'badEnvName', values: { name: '2BAD' } },
      [`secretEnv.${noCredential.key}.value`]: { key: 'chooseCredential' },
    });
    expect(JSON.stringify(errors)).not.toContain('hunter2');
    expect(stepOfField(`secretEnv.${blank.key}.value`)).toBe('auth');
    expect(stepOfField('timeoutSeconds')).toBe('basics');
  });

  it('requires the secrets of the chosen authentication only', () => {
    expect(validateStep(http({ authType: 'bearer' }), 'auth')).toEqual({ token: { key: 'secretRequired' } });
    expect(validateStep(http({ authType: 'mtls', hasCa: true }), 'auth')).toEqual({
      certificate: { key: 'secretRequired' },
      privateKey: { key: 'secretRequired' },
      ca: { key: 'secretRequired' },
    });
    expect(validateStep(http({ authType: 'api_key', apiKeyName: '' }), 'auth')).toMatchObject({
      apiKeyName: { key: 'required' },
    });
  });

  it('checks a manifest’s paths, ports and limits only when a manifest is declared', () => {
    const manifest = {
      ...EMPTY_MANIFEST,
      name: 'm',
      permissions: ['network_access' as const],
      readablePaths: '/data\nrelative/dir',
      writablePaths: '/data/../etc',
      allowedPorts: '443, 70000',
      maxFileSizeMb: '-1',
      maxMemoryMb: '0',
    };
    expect(validateStep(stdio({ manifest }), 'basics')).toEqual({});
    expect(validateStep(stdio({ hasManifest: true, manifest }), 'basics')).toEqual({
      'manifest.readablePaths': { key: 'badPath', values: { path: 'relative/dir' } },
      'manifest.writablePaths': { key: 'badPath', values: { path: '/data/../etc' } },
      'manifest.allowedPorts': { key: 'badPorts' },
      'manifest.maxFileSizeMb': { key: 'positive' },
      'manifest.maxMemoryMb': { key: 'range', values: { min: 1, max: 1_048_576 } },
    });
  });

  it('sends hosts and ports only with network access, which the studio requires for them', () => {
    const manifest = { ...EMPTY_MANIFEST, name: 'm', allowedHosts: 'example.org', allowedPorts: '443' };
    const without = toServerBody(stdio({ hasManifest: true, manifest }));
    expect(without.ok && without.body.manifest).toEqual({ name: 'm', version: '1.0.0', permissions: [] });
    const withNetwork = toServerBody(
      stdio({ hasManifest: true, manifest: { ...manifest, permissions: ['network_access'], maxCpuSeconds: '60' } }),
    );
    expect(withNetwork.ok && withNetwork.body.manifest).toMatchObject({
      allowedHosts: ['example.org'],
      allowedPorts: [443],
      maxCpuSeconds: 60,
    });
  });

  it('keeps parsing KEY=value lines with = in the value', () => {
    expect(parseEnvLines('A=b=c\n\nB=')).toEqual({ env: { A: 'b=c', B: '' } });
    expect(parseEnvLines('=nokey')).toEqual({ badLine: '=nokey' });
  });
});

const savedServer: McpServer = {
  id: '3f2c1a9e-7b6d-4e5f-8a9b-0c1d2e3f4a5b',
  name: 'Files',
  slug: 'files',
  description: 'Shared drive',
  transport: 'stdio',
  command: 'node',
  args: ['/opt/fs/index.js', '/data'],
  env: { LOG_LEVEL: 'info' },
  secretEnv: { API_KEY: { credentialId: CREDENTIAL } },
  cwd: null,
  url: null,
  headers: {},
  secretHeaders: {},
  auth: { type: 'none' },
  tags: ['files'],
  enabled: true,
  timeoutMs: 45_000,
  maxConcurrency: 4,
  manifest: { name: 'fs', version: '1.0.0', permissions: ['file_system_read'], readablePaths: ['/data'] },
  disabledTools: ['write_file'],
  status: 'healthy',
  latencyMs: 12,
  lastCheckedAt: null,
  lastError: null,
  toolCount: 5,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

describe('the settings form of a saved server', () => {
  it('restates the saved registration unchanged, secrets as their credentials', () => {
    expect(toServerBody(formFromServer(savedServer), 'update')).toEqual({
      ok: true,
      body: {
        name: 'Files',
        description: 'Shared drive',
        transport: 'stdio',
        command: 'node',
        args: ['/opt/fs/index.js', '/data'],
        env: { LOG_LEVEL: 'info' },
        secretEnv: { API_KEY: { credentialId: CREDENTIAL } },
        manifest: { name: 'fs', version: '1.0.0', permissions: ['file_system_read'], readablePaths: ['/data'] },
        tags: ['files'],
        timeoutMs: 45_000,
        maxConcurrency: 4,
      },
    });
  });

  it('sends emptied lists and a removed manifest, so a change can clear them', () => {
    const form = { ...formFromServer(savedServer), env: '', secretEnv: [], tags: '', hasManifest: false };
    expect(toServerBody(form, 'update')).toMatchObject({
      ok: true,
      body: { env: {}, secretEnv: {}, tags: [], manifest: null },
    });
  });

  it('replaces a stored secret with a new value or another credential', () => {
    const bearer: McpServer = {
      ...savedServer,
      transport: 'sse',
      command: null,
      args: [],
      env: {},
      secretEnv: {},
      manifest: null,
      url: 'https://mcp.example/sse',
      secretHeaders: { 'X-Tenant': { credentialId: OTHER_CREDENTIAL } },
      auth: { type: 'bearer', credentialId: CREDENTIAL },
    };
    const form = formFromServer(bearer);
    expect(toServerBody(form, 'update')).toMatchObject({
      ok: true,
      body: {
        auth: { type: 'bearer', token: { credentialId: CREDENTIAL } },
        secretHeaders: { 'X-Tenant': { credentialId: OTHER_CREDENTIAL } },
      },
    });
    const replaced = { ...form, token: { mode: 'new' as const, value: 'rotated' } };
    expect(toServerBody(replaced, 'update')).toMatchObject({ ok: true, body: { auth: { token: 'rotated' } } });
  });
});

describe('refusals from the studio', () => {
  it('land on the fields they concern', () => {
    const pair = newSecretPair('API_KEY', { mode: 'new', value: 'v' });
    const form = stdio({ secretEnv: [pair] });
    const validation = new ApiError(400, 'validation_failed', 'Invalid body', 'r1', [
      { path: 'secretEnv.API_KEY', message: 'Too long' },
      { path: 'timeoutMs', message: 'Too small' },
    ]);
    expect(fieldErrorsOfApiError(validation, form)).toEqual({
      [`secretEnv.${pair.key}.name`]: { key: 'invalid', values: { message: 'Too long' } },
      timeoutSeconds: { key: 'invalid', values: { message: 'Too small' } },
    });
    expect(fieldErrorsOfApiError(new ApiError(409, 'server_name_taken', 'taken'), form)).toEqual({
      name: { key: 'nameTaken' },
    });
    expect(fieldErrorsOfApiError(new ApiError(400, 'url_not_allowed', 'private address'), form)).toEqual({
      url: { key: 'invalid', values: { message: 'private address' } },
    });
    expect(fieldErrorsOfApiError(new ApiError(500, 'internal_error', 'boom'), form)).toEqual({});
  });
});

describe('a manifest said plainly', () => {
  it('lists what the server may do, with its paths, hosts, ports and size limit', () => {
    expect(
      manifestStatements({
        name: 'm',
        version: '1',
        permissions: ['file_system_read', 'file_system_write', 'network_access', 'tool_execute'],
        readablePaths: ['/data', '/srv'],
        allowedHosts: ['api.github.com'],
        allowedPorts: [443],
        maxFileSizeBytes: 10 * 1024 * 1024,
      }),
    ).toEqual([
      { key: 'readFilesIn', values: { paths: '/data, /srv' } },
      { key: 'writeFiles' },
      { key: 'networkHosts', values: { hosts: 'api.github.com' } },
      { key: 'networkPorts', values: { ports: '443' } },
      { key: 'runPrograms' },
      { key: 'fileSizeLimit', values: { size: '10 MB' } },
    ]);
    expect(manifestStatements({ name: 'm', version: '1', permissions: [] })).toEqual([]);
  });

  it('tells a changed manifest from the same one written in another order', () => {
    const saved = { name: 'fs', version: '1', permissions: ['file_system_read' as const], readablePaths: ['/data'] };
    expect(isSameManifest(manifestOf(formFromServer({ ...savedServer, manifest: saved })), saved)).toBe(true);
    expect(isSameManifest({ ...saved, readablePaths: ['/data', '/srv'] }, saved)).toBe(false);
    expect(isSameManifest(null, saved)).toBe(false);
  });
});
