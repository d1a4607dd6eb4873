// Per-field checks of the server form, by wizard step, so each message appears next to its field.
import {
  ENV_NAME,
  HEADER_NAME,
  lines,
  listItems,
  parseEnvLines,
  parseHeaderLines,
  type SecretDraft,
  type SecretPair,
  type ServerForm,
} from './serverForm';

/** The message keys of `serverWizard.errors`. */
export type FieldErrorKey =
  | 'required'
  | 'tooLong'
  | 'badUrl'
  | 'badEnvLine'
  | 'badHeaderLine'
  | 'badEnvName'
  | 'badHeaderName'
  | 'duplicateName'
  | 'range'
  | 'badPorts'
  | 'badPath'
  | 'positive'
  | 'tooMany'
  | 'chooseCredential'
  | 'secretRequired'
  | 'nameTaken'
  | 'invalid';

export interface FieldError {
  key: FieldErrorKey;
  values?: Record<string, string | number>;
}

/** Field paths as the form names them: `name`, `manifest.version`, `secretEnv.<row key>.name`, … */
export type FieldErrors = Record<string, FieldError>;

export type FormStep = 'basics' | 'auth';

const isStdio = (form: ServerForm) => form.transport === 'stdio';

function checkLength(errors: FieldErrors, field: string, value: string, max: number, isRequired = false): void {
  const trimmed = value.trim();
  if (isRequired && trimmed === '') errors[field] = { key: 'required' };
  else if (trimmed.length > max) errors[field] = { key: 'tooLong', values: { max } };
}

/** A blank is allowed (the default applies); otherwise a number (whole, unless said) within the bounds. */
function checkNumber(errors: FieldErrors, field: string, value: string, min: number, max: number, isWhole = true) {
  if (value.trim() === '') return;
  const number = Number(value);
  const isValid = Number.isFinite(number) && (!isWhole || Number.isInteger(number)) && number >= min && number <= max;
  if (!isValid) errors[field] = { key: 'range', values: { min, max } };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function checkSecret(errors: FieldErrors, field: string, secret: SecretDraft): void {
  if (secret.mode === 'new' && secret.value === '') errors[field] = { key: 'secretRequired' };
  if (secret.mode === 'existing' && secret.credentialId === '') errors[field] = { key: 'chooseCredential' };
}

function checkPairs(errors: FieldErrors, list: 'secretEnv' | 'secretHeaders', pairs: SecretPair[], taken: string[]) {
  const seen = new Set(taken.map((name) => name.toLowerCase()));
  const pattern = list === 'secretEnv' ? ENV_NAME : HEADER_NAME;
  for (const pair of pairs) {
    const field = `${list}.${pair.key}`;
    const name = pair.name.trim();
    if (name === '') errors[`${field}.name`] = { key: 'required' };
    else if (!pattern.test(name)) {
      errors[`${field}.name`] = { key: list === 'secretEnv' ? 'badEnvName' : 'badHeaderName', values: { name } };
    } else if (seen.has(name.toLowerCase())) errors[`${field}.name`] = { key: 'duplicateName', values: { name } };
    seen.add(name.toLowerCase());
    checkSecret(errors, `${field}.value`, pair.secret);
  }
}

function checkBasics(form: ServerForm): FieldErrors {
  const errors: FieldErrors = {};
  checkLength(errors, 'name', form.name, 100, true);
  checkLength(errors, 'description', form.description, 2000);
  if (isStdio(form)) {
    checkLength(errors, 'command', form.command, 4096, true);
    checkLength(errors, 'cwd', form.cwd, 4096);
    const env = parseEnvLines(form.env);
    if ('badLine' in env) errors.env = { key: 'badEnvLine', values: { line: env.badLine } };
    else {
      const badName = Object.keys(env.env).find((name) => !ENV_NAME.test(name));
      if (badName !== undefined) errors.env = { key: 'badEnvName', values: { name: badName } };
    }
    if (form.hasManifest) checkManifest(errors, form);
  } else {
    const url = form.url.trim();
    if (url === '') errors.url = { key: 'required' };
    else if (!isHttpUrl(url)) errors.url = { key: 'badUrl' };
    const headers = parseHeaderLines(form.headers);
    if ('badLine' in headers) errors.headers = { key: 'badHeaderLine', values: { line: headers.badLine } };
    else {
      const badName = Object.keys(headers.headers).find((name) => !HEADER_NAME.test(name));
      if (badName !== undefined) errors.headers = { key: 'badHeaderName', values: { name: badName } };
    }
  }
  const tags = listItems(form.tags);
  if (tags.length > 50) errors.tags = { key: 'tooMany', values: { max: 50 } };
  else if (tags.some((tag) => tag.length > 50)) errors.tags = { key: 'tooLong', values: { max: 50 } };
  checkNumber(errors, 'timeoutSeconds', form.timeoutSeconds, 1, 600, false);
  checkNumber(errors, 'maxConcurrency', form.maxConcurrency, 1, 256);
  return errors;
}

/** What the studio grants is what is shown: absolute paths, no `..`. */
const ABSOLUTE_PATH = /^(\/|[A-Za-z]:[\\/])/;

function checkManifest(errors: FieldErrors, form: ServerForm): void {
  const manifest = form.manifest;
  checkLength(errors, 'manifest.name', manifest.name, 200, true);
  checkLength(errors, 'manifest.version', manifest.version, 50, true);
  checkLength(errors, 'manifest.description', manifest.description, 2000);
  const ports = manifest.permissions.includes('network_access')
    ? listItems(manifest.allowedPorts.replace(/\s+/g, ','))
    : [];
  if (ports.some((port) => !/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535)) {
    errors['manifest.allowedPorts'] = { key: 'badPorts' };
  }
  const size = manifest.maxFileSizeMb.trim();
  if (size !== '' && !(Number(size) > 0)) errors['manifest.maxFileSizeMb'] = { key: 'positive' };
  checkNumber(errors, 'manifest.maxMemoryMb', manifest.maxMemoryMb, 1, 1_048_576);
  checkNumber(errors, 'manifest.maxCpuSeconds', manifest.maxCpuSeconds, 1, 31_536_000);
  for (const field of ['readablePaths', 'writablePaths'] as const) {
    const bad = lines(manifest[field])
      .map((path) => path.trim())
      .find((path) => !ABSOLUTE_PATH.test(path) || path.split(/[\\/]/).includes('..'));
    if (bad !== undefined) errors[`manifest.${field}`] = { key: 'badPath', values: { path: bad } };
  }
}

function checkAuth(form: ServerForm): FieldErrors {
  const errors: FieldErrors = {};
  if (isStdio(form)) {
    checkPairs(errors, 'secretEnv', form.secretEnv, plainEnvNames(form));
    return errors;
  }
  switch (form.authType) {
    case 'none':
      break;
    case 'api_key':
      checkLength(errors, 'apiKeyName', form.apiKeyName, 100, true);
      checkSecret(errors, 'apiKey', form.apiKey);
      break;
    case 'basic':
      checkLength(errors, 'username', form.username, 200, true);
      checkSecret(errors, 'password', form.password);
      break;
    case 'bearer':
      checkSecret(errors, 'token', form.token);
      break;
    case 'mtls':
      checkSecret(errors, 'certificate', form.certificate);
      checkSecret(errors, 'privateKey', form.privateKey);
      if (form.hasCa) checkSecret(errors, 'ca', form.ca);
      break;
  }
  checkPairs(errors, 'secretHeaders', form.secretHeaders, plainHeaderNames(form));
  return errors;
}

// The plain names already used, so a secret one does not repeat them.
function plainEnvNames(form: ServerForm): string[] {
  const parsed = parseEnvLines(form.env);
  return 'env' in parsed ? Object.keys(parsed.env) : [];
}

function plainHeaderNames(form: ServerForm): string[] {
  const parsed = parseHeaderLines(form.headers);
  return 'headers' in parsed ? Object.keys(parsed.headers) : [];
}

/** The errors of one step's fields; an empty object when the step is complete. */
export function validateStep(form: ServerForm, step: FormStep): FieldErrors {
  return step === 'basics' ? checkBasics(form) : checkAuth(form);
}

export function validateForm(form: ServerForm): FieldErrors {
  return { ...checkBasics(form), ...checkAuth(form) };
}

const AUTH_FIELDS =
  /^(apiKey|apiKeyName|username|password|token|certificate|privateKey|ca|auth|secretEnv|secretHeaders)\b/;

/** Which step shows a field, to send the user back to it. */
export function stepOfField(field: string): FormStep {
  return AUTH_FIELDS.test(field) ? 'auth' : 'basics';
}

export const hasErrors = (errors: FieldErrors) => Object.keys(errors).length > 0;
