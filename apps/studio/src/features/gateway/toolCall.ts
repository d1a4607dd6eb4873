// One `tools/call` through the gateway, as both faces answer it: the per-request SDK server and the plain path.
import type { ToolCallProgress } from '@mcp-studio/protocol';
import { type CallToolResult, ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import type { Principal } from '../../platform/auth/principal.js';
import type { Exchange } from './admission.js';
import type { InflightCalls } from './inflightCalls.js';
import { type GatewayScope, type GatewayService, ToolUseDeniedError, UnknownToolError } from './service.js';

export interface ToolCallContext {
  gateway: GatewayService;
  principal: Principal;
  /** The HTTP exchange: its request id and the quota counts the route already took. */
  exchange: Exchange;
  /** 2025-era requests are served statelessly: their cancellation arrives as a separate request. */
  era: 'legacy' | 'modern';
  inflight: InflightCalls;
  /** Set on a virtual server's endpoint: only its tools, under its names. */
  scope?: GatewayScope;
}

export interface ToolCallRequest {
  /** The JSON-RPC id. */
  id: string | number;
  name: string;
  args: Record<string, unknown>;
  /** Aborts when the client goes away (or its SDK server closes). */
  signal: AbortSignal;
  onProgress?: (progress: ToolCallProgress) => void;
}

/**
 * Calls the tool behind an exposed name. A name the token may not call is the client's mistake (invalid params);
 * every failure the studio can explain comes back as a result with `isError`.
 */
export async function callGatewayTool(context: ToolCallContext, request: ToolCallRequest): Promise<CallToolResult> {
  const { gateway, principal, exchange, era, inflight, scope } = context;
  const { id, name, args, onProgress } = request;
  const call = era === 'legacy' ? inflight.start(callerOf(principal), id) : undefined;
  try {
    const options = {
      signal: call ? AbortSignal.any([request.signal, call.signal]) : request.signal,
      requestId: exchange.requestId,
      admission: exchange.take(id),
      ...(onProgress ? { onProgress } : {}),
    };
    return (await gateway.callTool(principal, name, args, options, scope)) as CallToolResult;
  } catch (err) {
    if (err instanceof UnknownToolError || err instanceof ToolUseDeniedError) {
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, err.message);
    }
    throw err;
  } finally {
    call?.end();
  }
}

/** Who a 2025-era cancellation must come from: JSON-RPC ids are only unique per client. */
export const callerOf = (principal: Principal) => principal.tokenId ?? principal.userId;
