// The commonest gateway exchange, a single `tools/call` that asks for no progress, answered without a per-request SDK
// server: recognized here only when the SDK would serve it as it stands, and encoded as the SDK encodes it.
// Anything else (batches, progress, other methods, a header or envelope the SDK would refuse) goes to the SDK.
import type { IncomingHttpHeaders } from 'node:http';
import {
  type CallToolResult,
  classifyInboundRequest,
  PROTOCOL_VERSION_META_KEY,
  SERVER_INFO_META_KEY,
  SUPPORTED_PROTOCOL_VERSIONS,
} from '@modelcontextprotocol/server';
import { STUDIO_IMPLEMENTATION } from '../../version.js';

/** The 2026-era revisions the SDK's handler serves; a request naming another one goes to the SDK, which refuses it. */
const MODERN_REVISIONS: readonly string[] = ['2026-07-28'];

/** The envelope keys a modern request carries; any other `_meta` key (a progress token, say) needs the SDK. */
const ENVELOPE_KEYS = new Set([
  PROTOCOL_VERSION_META_KEY,
  'io.modelcontextprotocol/clientInfo',
  'io.modelcontextprotocol/clientCapabilities',
]);

export interface PlainToolCall {
  id: string | number;
  name: string;
  args: Record<string, unknown>;
  era: 'legacy' | 'modern';
}

/** The call, when the request is a single `tools/call` the gateway may answer itself; otherwise undefined. */
export function plainToolCall(method: string, headers: IncomingHttpHeaders, body: unknown): PlainToolCall | undefined {
  if (method !== 'POST' || !isPlainObject(body) || body.method !== 'tools/call') return undefined;
  const { jsonrpc, id, params } = body;
  if (jsonrpc !== '2.0' || !(typeof id === 'string' || Number.isSafeInteger(id))) return undefined;
  if (Object.keys(body).length !== 4 || !isPlainObject(params)) return undefined;
  const { name, arguments: args = {}, _meta: meta } = params;
  if (typeof name !== 'string' || !isPlainObject(args)) return undefined;
  if (Object.keys(params).some((key) => key !== 'name' && key !== 'arguments' && key !== '_meta')) return undefined;
  if (meta !== undefined && (!isPlainObject(meta) || Object.keys(meta).some((key) => !ENVELOPE_KEYS.has(key)))) {
    return undefined;
  }
  if (!accepts(headers.accept)) return undefined;
  const era = eraOf(headers, body, name, meta);
  return era && { id: id as string | number, name, args, era };
}

/**
 * The SDK's verdict on a `tools/call` depends on the version and method headers and the envelope only, which a
 * client sends the same every time: it is worked out once per combination (a bounded number of them).
 */
const verdicts = new Map<string, PlainToolCall['era'] | undefined>();
const MAX_VERDICTS = 1000;

/** The era the SDK would serve the request in, if it would serve it at all. */
function eraOf(headers: IncomingHttpHeaders, body: Record<string, unknown>, name: string, meta: unknown) {
  const version = single(headers['mcp-protocol-version']);
  const methodHeader = single(headers['mcp-method']);
  const key = `${version}\u0000${methodHeader}\u0000${JSON.stringify(meta)}`;
  let era = verdicts.get(key);
  if (!verdicts.has(key)) {
    era = classify(body, version, methodHeader);
    if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
    verdicts.set(key, era);
  }
  // The SDK also holds a 2026-era request's Mcp-Name header to the tool's name.
  return era === 'modern' && single(headers['mcp-name'])?.trim() !== name ? undefined : era;
}

function classify(body: Record<string, unknown>, version: string | undefined, methodHeader: string | undefined) {
  const outcome = classifyInboundRequest({
    httpMethod: 'POST',
    body,
    ...(version === undefined ? {} : { protocolVersionHeader: version }),
    ...(methodHeader === undefined ? {} : { mcpMethodHeader: methodHeader }),
  });
  if (outcome.kind === 'legacy') {
    return version === undefined || SUPPORTED_PROTOCOL_VERSIONS.includes(version) ? 'legacy' : undefined;
  }
  if (outcome.kind !== 'modern') return undefined;
  // The standard headers, exactly as the client must send them (the SDK would refuse anything less).
  const revision = outcome.classification.revision;
  const isServed = revision !== undefined && MODERN_REVISIONS.includes(revision) && version === revision;
  return isServed && methodHeader === 'tools/call' ? 'modern' : undefined;
}

/**
 * The JSON-RPC answer, as the SDK's server writes it for a `tools/call` handler that returned `result`: the era's
 * projection of the result (a text copy of a non-object structured result; on 2025 eras, the non-object wrapped),
 * and on the 2026 era the `resultType` and the server's identity in `_meta`.
 */
export function toolCallAnswer(call: PlainToolCall, result: CallToolResult): string {
  const projected = withTextFallback(result);
  const encoded = call.era === 'modern' ? stampModern(projected) : wrapStructured(projected);
  return JSON.stringify({ result: encoded, jsonrpc: '2.0', id: call.id });
}

/** A JSON-RPC error answer, as the SDK writes one for an error thrown by a handler. */
export function toolCallError(call: PlainToolCall, error: unknown): string {
  const { code, message, data } = error as { code?: unknown; message?: unknown; data?: unknown };
  const thrown = {
    code: Number.isSafeInteger(code) ? (code as number) : -32603,
    message: typeof message === 'string' ? message : 'Internal error',
    ...(data === undefined ? {} : { data }),
  };
  return JSON.stringify({ jsonrpc: '2.0', id: call.id, error: thrown });
}

function withTextFallback(result: CallToolResult): CallToolResult {
  const structured = result.structuredContent as unknown;
  if (structured === undefined || isPlainObject(structured)) return result;
  if (result.content?.some((block) => block.type === 'text')) return result;
  return { ...result, content: [...(result.content ?? []), { type: 'text', text: JSON.stringify(structured) }] };
}

function wrapStructured(result: CallToolResult): CallToolResult {
  const structured = result.structuredContent as unknown;
  if (structured === undefined || isPlainObject(structured)) return result;
  return { ...result, structuredContent: { result: structured } };
}

function stampModern(result: CallToolResult): Record<string, unknown> {
  const typed = result.resultType === undefined ? { ...result, resultType: 'complete' } : result;
  const meta = typed._meta;
  if (meta === undefined) return { ...typed, _meta: { [SERVER_INFO_META_KEY]: STUDIO_IMPLEMENTATION } };
  if (!isPlainObject(meta) || meta[SERVER_INFO_META_KEY] !== undefined) return typed;
  return { ...typed, _meta: { ...meta, [SERVER_INFO_META_KEY]: STUDIO_IMPLEMENTATION } };
}

/** The SDK's transports answer 406 unless the client accepts both JSON and event streams. */
function accepts(accept: string | undefined): boolean {
  return accept?.includes('application/json') === true && accept.includes('text/event-stream');
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
