// The add-server form's state and its translation into the API's create body.
import { type CreateServerBody, createServerBodySchema, type ServerTransport } from '@mcp-studio/protocol';

export const AUTH_TYPES = ['none', 'bearer', 'api_key', 'basic'] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

export interface ServerForm {
  name: string;
  description: string;
  transport: ServerTransport;
  command: string;
  /** One argument per line. */
  args: string;
  /** `KEY=value` lines. */
  env: string;
  secretEnv: string;
  url: string;
  authType: AuthType;
  token: string;
  headerName: string;
  apiKey: string;
  username: string;
  password: string;
}

export const EMPTY_FORM: ServerForm = {
  name: '',
  description: '',
  transport: 'stdio',
  command: '',
  args: '',
  env: '',
  secretEnv: '',
  url: '',
  authType: 'none',
  token: '',
  headerName: 'X-API-Key',
  apiKey: '',
  username: '',
  password: '',
};

/** Non-empty lines, without their line-ending whitespace. */
export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '');
}

/** `KEY=value` lines as a record; the first line without `=` is reported. */
export function parseEnvLines(text: string): { env: Record<string, string> } | { badLine: string } {
  const env: Record<string, string> = {};
  for (const line of lines(text)) {
    const at = line.indexOf('=');
    if (at <= 0) return { badLine: line.trim() };
    env[line.slice(0, at).trim()] = line.slice(at + 1);
  }
  return { env };
}

const nonEmpty = <T extends object>(record: T) => (Object.keys(record).length > 0 ? record : undefined);

function authOf(form: ServerForm): CreateServerBody['auth'] {
  switch (form.authType) {
    case 'none':
      return undefined;
    case 'bearer':
      return { type: 'bearer', token: form.token };
    case 'api_key':
      return { type: 'api_key', in: 'header', name: form.headerName.trim(), value: form.apiKey };
    case 'basic':
      return { type: 'basic', username: form.username.trim(), password: form.password };
  }
}

export type BodyResult =
  | { ok: true; body: CreateServerBody }
  | { ok: false; error: 'badEnvLine' | 'badSecretEnvLine' | 'invalid'; detail?: string };

/** The create (and test) body of the form, checked against the protocol's schema. */
export function toCreateBody(form: ServerForm): BodyResult {
  const common = {
    name: form.name.trim(),
    description: form.description.trim() || undefined,
    transport: form.transport,
  };
  let body: CreateServerBody;
  if (form.transport === 'stdio') {
    const env = parseEnvLines(form.env);
    if ('badLine' in env) return { ok: false, error: 'badEnvLine', detail: env.badLine };
    const secretEnv = parseEnvLines(form.secretEnv);
    // A secret line is never echoed back in the error.
    if ('badLine' in secretEnv) return { ok: false, error: 'badSecretEnvLine' };
    const args = lines(form.args);
    body = {
      ...common,
      command: form.command.trim(),
      args: args.length > 0 ? args : undefined,
      env: nonEmpty(env.env),
      secretEnv: nonEmpty(secretEnv.env),
    };
  } else {
    body = { ...common, url: form.url.trim(), auth: authOf(form) };
  }
  const parsed = createServerBodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      error: 'invalid',
      detail: issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : undefined,
    };
  }
  return { ok: true, body };
}
