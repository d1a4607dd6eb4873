// What a failed health check says about itself: one short line, with no URL's credentials, path or query.
import { ProtocolError } from '@modelcontextprotocol/client';
import { AppError } from '../../../platform/http/errors.js';
import { ConnectionLostError, RequestTimeoutError, ServerBusyError, ServerDownError } from '../manager/errors.js';

const MAX_LENGTH = 300;
const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;

export function describeCheckFailure(error: unknown): string {
  return withoutUrlSecrets(describe(error)).slice(0, MAX_LENGTH);
}

function describe(error: unknown): string {
  if (error instanceof ServerDownError) return 'server_down: it crashed repeatedly; restart it to try again';
  if (error instanceof ServerBusyError) return 'server_busy: every request slot and queue place was taken';
  if (error instanceof RequestTimeoutError) return `timeout: no answer within ${error.timeoutMs} ms`;
  if (error instanceof ConnectionLostError) return `connection_lost: ${firstLine(error.message)}`;
  if (error instanceof AppError) return `${error.code}: ${firstLine(error.message)}`;
  if (ProtocolError.isInstance(error)) return `upstream_error: ${firstLine(error.message)}`;
  if (!(error instanceof Error)) return 'failed: no usable answer';
  const code: unknown = Reflect.get(error, 'code');
  const label = typeof code === 'string' && /^[A-Za-z][A-Za-z0-9_]*$/.test(code) ? code : 'failed';
  return `${label}: ${firstLine(error.message)}`;
}

/** A URL keeps only its scheme and host: a key may sit in its query, a user and password before the host. */
function withoutUrlSecrets(text: string): string {
  return text.replace(URL_PATTERN, (url) => {
    try {
      const parsed = new URL(url);
      return `${parsed.protocol}//${parsed.host}`;
    } catch {
      return '[url]';
    }
  });
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').trim();
}
