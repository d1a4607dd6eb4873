// The add-server and settings forms' state, and the text conventions (lines, KEY=value, Name: value) they parse.
import type { MANIFEST_PERMISSIONS, ServerTransport } from '@mcp-studio/protocol';

export const AUTH_TYPES = ['none', 'api_key', 'basic', 'bearer', 'mtls'] as const;
export type AuthType = (typeof AUTH_TYPES)[number];
export type ManifestPermission = (typeof MANIFEST_PERMISSIONS)[number];

/**
 * A secret as the form holds it: a value typed (or read from a file) now, an existing credential of the organization,
 * or — when editing — the credential the registration already uses, kept as it is.
 */
export type SecretDraft =
  | { mode: 'new'; value: string }
  | { mode: 'existing'; credentialId: string }
  | { mode: 'stored'; credentialId: string };

export const newSecret = (): SecretDraft => ({ mode: 'new', value: '' });

/** A secret environment variable or header; `key` only identifies the row on screen. */
export interface SecretPair {
  key: string;
  name: string;
  secret: SecretDraft;
}

export interface ManifestForm {
  name: string;
  version: string;
  description: string;
  permissions: ManifestPermission[];
  /** One path per line. */
  readablePaths: string;
  writablePaths: string;
  /** One host per line or separated by commas. */
  allowedHosts: string;
  /** Port numbers separated by commas or spaces. */
  allowedPorts: string;
  maxFileSizeMb: string;
  maxMemoryMb: string;
  maxCpuSeconds: string;
}

export interface ServerForm {
  name: string;
  description: string;
  transport: ServerTransport;
  command: string;
  /** One argument per line. */
  args: string;
  /** `KEY=value` lines. */
  env: string;
  cwd: string;
  url: string;
  /** `Name: value` lines. */
  headers: string;
  /** Separated by commas. */
  tags: string;
  /** Blank: the studio's default. */
  timeoutSeconds: string;
  maxConcurrency: string;
  hasManifest: boolean;
  manifest: ManifestForm;
  authType: AuthType;
  apiKeyIn: 'header' | 'query';
  apiKeyName: string;
  apiKey: SecretDraft;
  username: string;
  password: SecretDraft;
  token: SecretDraft;
  certificate: SecretDraft;
  privateKey: SecretDraft;
  hasCa: boolean;
  ca: SecretDraft;
  secretEnv: SecretPair[];
  secretHeaders: SecretPair[];
  /** Tools nobody may list or call through the studio. */
  disabledTools: string[];
  enabled: boolean;
}

export const EMPTY_MANIFEST: ManifestForm = {
  name: '',
  version: '1.0.0',
  description: '',
  permissions: [],
  readablePaths: '',
  writablePaths: '',
  allowedHosts: '',
  allowedPorts: '',
  maxFileSizeMb: '',
  maxMemoryMb: '',
  maxCpuSeconds: '',
};

export const EMPTY_FORM: ServerForm = {
  name: '',
  description: '',
  transport: 'stdio',
  command: '',
  args: '',
  env: '',
  cwd: '',
  url: '',
  headers: '',
  tags: '',
  timeoutSeconds: '',
  maxConcurrency: '',
  hasManifest: false,
  manifest: EMPTY_MANIFEST,
  authType: 'none',
  apiKeyIn: 'header',
  apiKeyName: 'X-API-Key',
  apiKey: newSecret(),
  username: '',
  password: newSecret(),
  token: newSecret(),
  certificate: newSecret(),
  privateKey: newSecret(),
  hasCa: false,
  ca: newSecret(),
  secretEnv: [],
  secretHeaders: [],
  disabledTools: [],
  enabled: true,
};

export const DEFAULT_TIMEOUT_SECONDS = 30;
export const DEFAULT_MAX_CONCURRENCY = 8;

/** Non-empty lines, without their line-ending whitespace. */
export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '');
}

/** Items separated by commas or new lines, trimmed, blanks dropped. */
export function listItems(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
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

/** `Name: value` lines as a record; the first line without a colon is reported. */
export function parseHeaderLines(text: string): { headers: Record<string, string> } | { badLine: string } {
  const headers: Record<string, string> = {};
  for (const line of lines(text)) {
    const at = line.indexOf(':');
    if (at <= 0) return { badLine: line.trim() };
    headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return { headers };
}

export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
export const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;

let pairCounter = 0;
/** A fresh row of a secret environment or header list. */
export function newSecretPair(name = '', secret: SecretDraft = newSecret()): SecretPair {
  pairCounter += 1;
  return { key: `pair-${pairCounter}`, name, secret };
}
