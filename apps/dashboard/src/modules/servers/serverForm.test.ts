import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, parseEnvLines, toCreateBody } from './serverForm';

describe('the add-server form', () => {
  it('turns a stdio form into a create body: one argument per line, KEY=value environments', () => {
    const result = toCreateBody({
      ...EMPTY_FORM,
      name: ' Everything ',
      command: 'node',
      args: '/opt/everything/dist/index.js\n\nstdio\n',
      env: 'LOG_LEVEL=debug\nEMPTY=',
      secretEnv: 'API_KEY=s3cr=t',
    });
    expect(result).toEqual({
      ok: true,
      body: {
        name: 'Everything',
        transport: 'stdio',
        command: 'node',
        args: ['/opt/everything/dist/index.js', 'stdio'],
        env: { LOG_LEVEL: 'debug', EMPTY: '' },
        secretEnv: { API_KEY: 's3cr=t' },
      },
    });
  });

  it('sends only the fields of an HTTP transport, with the chosen authentication', () => {
    const form = { ...EMPTY_FORM, name: 'remote', transport: 'streamable-http' as const, url: 'https://mcp.example' };
    expect(toCreateBody({ ...form, command: 'ignored', authType: 'bearer', token: 'tok' })).toEqual({
      ok: true,
      body: {
        name: 'remote',
        transport: 'streamable-http',
        url: 'https://mcp.example',
        auth: { type: 'bearer', token: 'tok' },
      },
    });
    expect(toCreateBody({ ...form, authType: 'api_key', headerName: 'X-Key', apiKey: 'k' })).toMatchObject({
      ok: true,
      body: { auth: { type: 'api_key', in: 'header', name: 'X-Key', value: 'k' } },
    });
  });

  it('reports a malformed environment line, but never echoes a secret one', () => {
    expect(parseEnvLines('NO_EQUALS_SIGN')).toEqual({ badLine: 'NO_EQUALS_SIGN' });
    expect(toCreateBody({ ...EMPTY_FORM, name: 'x', command: 'node', env: 'oops' })).toEqual({
      ok: false,
      error: 'badEnvLine',
      detail: 'oops',
    });
    expect(toCreateBody({ ...EMPTY_FORM, name: 'x', command: 'node', secretEnv: 'hunter2' })).toEqual({
      ok: false,
      error: 'badSecretEnvLine',
    });
  });

  it('requires a URL for HTTP transports', () => {
    expect(toCreateBody({ ...EMPTY_FORM, name: 'x', transport: 'sse' })).toMatchObject({ ok: false, error: 'invalid' });
  });
});
