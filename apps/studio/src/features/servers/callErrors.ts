// What a failed call to a registered server tells an MCP-speaking caller beyond its HTTP answer: the server's own
// JSON-RPC error, and whether the request ever left the studio.
import { AppError } from '../../platform/http/errors.js';

/** The JSON-RPC error a server answered with. */
export interface RpcErrorReply {
  code: number;
  message: string;
  data?: unknown;
}

/** The server answered with a JSON-RPC error; it is kept as sent, so a proxy can pass it on unchanged. */
export class UpstreamRpcError extends AppError {
  constructor(readonly rpc: RpcErrorReply) {
    super('upstream_error', 502, `The MCP server answered with an error: ${rpc.message}`, { jsonRpcCode: rpc.code });
  }
}

/**
 * The call failed before its request was handed to an open session (the connection could not be opened): the
 * server never saw it, so sending it again cannot run it twice. The HTTP answer is the failure's own.
 */
export class NotForwardedError extends AppError {
  constructor(failure: AppError) {
    super(failure.code, failure.statusCode, failure.message, failure.details, failure.headers, failure.body);
  }
}
