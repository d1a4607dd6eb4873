// How the per-server proxy answers a forward that failed: the server's own JSON-RPC error as it sent it, and the
// studio's failures (timeout, unreachable, refused) as JSON-RPC errors that name them.
import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import { AppError } from '../../../platform/http/errors.js';
import { UpstreamRpcError } from '../../servers/callErrors.js';

/** Refusals of the studio's tool guard: the caller asked for something this server does not offer as asked. */
const CALLER_MISTAKES = new Set(['tool_not_found', 'tool_disabled', 'invalid_arguments']);

export function asProxyError(err: unknown): unknown {
  if (err instanceof UpstreamRpcError) return new ProtocolError(err.rpc.code, err.rpc.message, err.rpc.data);
  if (err instanceof AppError) {
    const code = CALLER_MISTAKES.has(err.code) ? ProtocolErrorCode.InvalidParams : ProtocolErrorCode.InternalError;
    return new ProtocolError(code, `${err.code}: ${err.message}`, err.details);
  }
  return err;
}
