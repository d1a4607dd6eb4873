// The server form as an API body: create (and test) omits what is blank; update restates every field it edits.
import {
  type CreateServerBody,
  createServerBodySchema,
  type SecretInput,
  type ServerAuthInput,
  type ServerManifest,
} from '@mcp-studio/protocol';
import {
  DEFAULT_MAX_CONCURRENCY,
  DEFAULT_TIMEOUT_SECONDS,
  lines,
  listItems,
  parseEnvLines,
  parseHeaderLines,
  type SecretDraft,
  type SecretPair,
  type ServerForm,
} from './serverForm';
import { type FieldErrors, hasErrors, validateForm } from './serverFormValidation';

export type BodyMode = 'create' | 'update';
export type BodyResult = { ok: true; body: CreateServerBody } | { ok: false; errors: FieldErrors };

export function secretInput(draft: SecretDraft): SecretInput {
  return draft.mode === 'new' ? draft.value : { credentialId: draft.credentialId };
}

function secretRecord(pairs: SecretPair[]): Record<string, SecretInput> {
  return Object.fromEntries(pairs.map((pair) => [pair.name.trim(), secretInput(pair.secret)]));
}

function authOf(form: ServerForm): ServerAuthInput {
  switch (form.authType) {
    case 'none':
      return { type: 'none' };
    case 'api_key':
      return { type: 'api_key', in: form.apiKeyIn, name: form.apiKeyName.trim(), value: secretInput(form.apiKey) };
    case 'basic':
      return { type: 'basic', username: form.username.trim(), password: secretInput(form.password) };
    case 'bearer':
      return { type: 'bearer', token: secretInput(form.token) };
    case 'mtls':
      return {
        type: 'mtls',
        certificate: secretInput(form.certificate),
        privateKey: secretInput(form.privateKey),
        ...(form.hasCa ? { ca: secretInput(form.ca) } : {}),
      };
  }
}

const MB = 1024 * 1024;

export function manifestOf(form: ServerForm): ServerManifest {
  const m = form.manifest;
  const optionalList = (items: string[]) => (items.length > 0 ? items : undefined);
  // Hosts and ports only mean something with network access (and the studio refuses them without it).
  const hasNetwork = m.permissions.includes('network_access');
  const ports = hasNetwork ? listItems(m.allowedPorts.replace(/\s+/g, ',')).map(Number) : [];
  const size = m.maxFileSizeMb.trim();
  const whole = (text: string) => (text.trim() === '' ? undefined : Number(text));
  return {
    name: m.name.trim(),
    version: m.version.trim(),
    ...(m.description.trim() ? { description: m.description.trim() } : {}),
    permissions: m.permissions,
    readablePaths: optionalList(lines(m.readablePaths).map((p) => p.trim())),
    writablePaths: optionalList(lines(m.writablePaths).map((p) => p.trim())),
    allowedHosts: hasNetwork ? optionalList(listItems(m.allowedHosts)) : undefined,
    allowedPorts: ports.length > 0 ? ports : undefined,
    maxFileSizeBytes: size === '' ? undefined : Math.max(1, Math.round(Number(size) * MB)),
    maxMemoryMb: whole(m.maxMemoryMb),
    maxCpuSeconds: whole(m.maxCpuSeconds),
  };
}

/** A blank number means the default: omitted from a new registration, restated in a change. */
function numberField(text: string, fallback: number, mode: BodyMode, scale = 1): number | undefined {
  if (text.trim() !== '') return Math.round(Number(text) * scale);
  return mode === 'update' ? fallback * scale : undefined;
}

function fieldsOf(form: ServerForm, mode: BodyMode): CreateServerBody {
  const isUpdate = mode === 'update';
  const keep = <T>(value: T, isBlank: boolean): T | undefined => (isUpdate || !isBlank ? value : undefined);
  const tags = listItems(form.tags);
  const common = {
    name: form.name.trim(),
    description: keep(form.description.trim(), form.description.trim() === ''),
    tags: keep(tags, tags.length === 0),
    timeoutMs: numberField(form.timeoutSeconds, DEFAULT_TIMEOUT_SECONDS, mode, 1000),
    maxConcurrency: numberField(form.maxConcurrency, DEFAULT_MAX_CONCURRENCY, mode),
    // Tools and the enabled switch have their own controls once a server exists.
    ...(isUpdate ? {} : { disabledTools: form.disabledTools.length > 0 ? form.disabledTools : undefined }),
    // Said explicitly: a server with a manifest would otherwise start disabled, its permissions not yet accepted.
    ...(isUpdate ? {} : { enabled: form.enabled }),
  };
  if (form.transport === 'stdio') {
    const args = lines(form.args);
    const env = parseEnvLines(form.env);
    const plainEnv = 'env' in env ? env.env : {};
    return {
      ...common,
      transport: 'stdio',
      command: form.command.trim(),
      args: keep(args, args.length === 0),
      env: keep(plainEnv, Object.keys(plainEnv).length === 0),
      secretEnv: keep(secretRecord(form.secretEnv), form.secretEnv.length === 0),
      cwd: form.cwd.trim() || undefined,
      manifest: form.hasManifest ? manifestOf(form) : isUpdate ? null : undefined,
    };
  }
  const headers = parseHeaderLines(form.headers);
  const plainHeaders = 'headers' in headers ? headers.headers : {};
  const auth = authOf(form);
  return {
    ...common,
    transport: form.transport,
    url: form.url.trim(),
    headers: keep(plainHeaders, Object.keys(plainHeaders).length === 0),
    secretHeaders: keep(secretRecord(form.secretHeaders), form.secretHeaders.length === 0),
    auth: keep(auth, auth.type === 'none'),
  };
}

/** Drops the keys whose value is undefined, so the body reads as what is sent. */
function compact<T extends object>(body: T): T {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as T;
}

/** Where an API path such as `auth.token` or `secretEnv.API_KEY` is edited in the form. */
export function fieldOfPath(path: string, form: ServerForm): string {
  const [head = '', second = ''] = path.split('.');
  const pair = (list: 'secretEnv' | 'secretHeaders') => {
    const row = form[list].find((p) => p.name.trim() === second);
    return row ? `${list}.${row.key}.name` : list;
  };
  switch (head) {
    case 'auth':
      return (
        { token: 'token', value: 'apiKey', name: 'apiKeyName', username: 'username', password: 'password' }[second] ??
        (['certificate', 'privateKey', 'ca'].includes(second) ? second : 'auth')
      );
    case 'secretEnv':
    case 'secretHeaders':
      return pair(head);
    case 'manifest':
      return second === 'maxFileSizeBytes' ? 'manifest.maxFileSizeMb' : second ? `manifest.${second}` : 'manifest';
    case 'timeoutMs':
      return 'timeoutSeconds';
    default:
      return head || 'form';
  }
}

/** The body of the form, or the errors to show next to its fields. */
export function toServerBody(form: ServerForm, mode: BodyMode = 'create'): BodyResult {
  const errors = validateForm(form);
  if (hasErrors(errors)) return { ok: false, errors };
  const body = compact(fieldsOf(form, mode));
  // The protocol's own schema is the last word: anything it refuses is shown on the field it concerns.
  const parsed = createServerBodySchema.safeParse(body);
  if (!parsed.success) {
    const schemaErrors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path.map(String).join('.'), form);
      schemaErrors[field] ??= { key: 'invalid', values: { message: issue.message } };
    }
    return { ok: false, errors: schemaErrors };
  }
  return { ok: true, body };
}
