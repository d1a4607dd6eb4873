// The gateway server's resources/* and prompts/* handlers, over the same servers and permissions as its tools.
import { ProtocolError, ProtocolErrorCode, type Server } from '@modelcontextprotocol/server';
import { AppError } from '../../platform/http/errors.js';
import type { Exchange } from './admission.js';
import { type GatewayPrompts, UnknownPromptError } from './prompts.js';
import { type GatewayResources, UnknownResourceError } from './resources.js';

export interface Offerings {
  resources: GatewayResources;
  prompts: GatewayPrompts;
}

export function servePromptsAndResources(server: Server, exchange: Exchange, offerings: Offerings): void {
  const { resources, prompts } = offerings;
  const { principal, requestId } = exchange;
  server.setRequestHandler('resources/list', async () => ({ resources: await resources.listResources(principal) }));
  server.setRequestHandler('resources/templates/list', async () => ({
    resourceTemplates: await resources.listResourceTemplates(principal),
  }));
  server.setRequestHandler('resources/read', (request, ctx) =>
    asProtocolErrors(() =>
      resources.readResource(principal, request.params.uri, {
        signal: ctx.mcpReq.signal,
        requestId,
        admission: exchange.take(ctx.mcpReq.id),
      }),
    ),
  );
  server.setRequestHandler('prompts/list', async () => ({ prompts: await prompts.listPrompts(principal) }));
  server.setRequestHandler('prompts/get', (request, ctx) =>
    asProtocolErrors(() =>
      prompts.getPrompt(principal, request.params.name, request.params.arguments ?? {}, {
        signal: ctx.mcpReq.signal,
        requestId,
        admission: exchange.take(ctx.mcpReq.id),
      }),
    ),
  );
}

/**
 * Unknown names and URIs are the client's mistake (InvalidParams). Failures the studio can explain keep the
 * upstream JSON-RPC code when the server gave one, so a client reads the server's own "not found" as such.
 */
async function asProtocolErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof UnknownResourceError || err instanceof UnknownPromptError) {
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, err.message);
    }
    if (err instanceof AppError) {
      const upstream = (err.details as { jsonRpcCode?: unknown } | undefined)?.jsonRpcCode;
      const code = typeof upstream === 'number' ? upstream : ProtocolErrorCode.InternalError;
      throw new ProtocolError(code, `${err.code}: ${err.message}`);
    }
    throw err;
  }
}
