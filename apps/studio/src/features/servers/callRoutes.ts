// POST /api/servers/:id/tools/:name/call: answered as JSON, or as server-sent events with progress.
import { callToolBodySchema, callToolResultSchema, idParamsSchema } from '@mcp-studio/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Principal } from '../../platform/auth/principal.js';
import type { App } from '../../platform/http/app.js';
import {
  abortWhenCallerLeaves,
  EventStream,
  streamedErrorBody,
  wantsEventStream,
} from '../../platform/http/eventStream.js';
import { principalOf, requires } from '../../platform/http/guard.js';
import type { ServerCalls } from './serverCalls.js';

interface ToolCall {
  principal: Principal;
  id: string;
  name: string;
  args: Record<string, unknown>;
}

export function toolCallRoutes(app: App, calls: ServerCalls): void {
  app.post(
    '/api/servers/:id/tools/:name/call',
    {
      schema: {
        tags: ['servers'],
        description:
          'With `Accept: text/event-stream` the answer is a stream of `progress` events, then one `result` or ' +
          '`error` event. Closing the request cancels the call on the server.',
        params: idParamsSchema.extend({ name: z.string().min(1).max(128) }),
        body: callToolBodySchema,
        response: { 200: callToolResultSchema },
      },
      onRequest: requires('use', 'McpServer'),
    },
    async (request, reply) => {
      const call = {
        principal: principalOf(request),
        id: request.params.id,
        name: request.params.name,
        args: request.body.arguments,
      };
      const caller = abortWhenCallerLeaves(reply);
      try {
        if (!wantsEventStream(request)) {
          return await calls.callTool(call.principal, call.id, call.name, call.args, {
            signal: caller.signal,
            requestId: request.id,
          });
        }
        await streamToolCall(calls, call, request, reply, caller.signal);
        return reply;
      } finally {
        caller.dispose();
      }
    },
  );
}

/**
 * The stream opens only once the call goes to the server, so a refusal before that (unknown server, disabled,
 * invalid arguments, busy) is still a plain JSON error with its status code.
 */
async function streamToolCall(
  calls: ServerCalls,
  { principal, id, name, args }: ToolCall,
  request: FastifyRequest,
  reply: FastifyReply,
  signal: AbortSignal,
): Promise<void> {
  let stream: EventStream | undefined;
  const open = () => {
    stream ??= new EventStream(reply);
    return stream;
  };
  try {
    const result = await calls.callTool(principal, id, name, args, {
      signal,
      requestId: request.id,
      onStart: open,
      onProgress: (progress) => open().send('progress', progress),
    });
    open().send('result', result);
  } catch (error) {
    if (!stream) throw error;
    stream.send('error', streamedErrorBody(error, request));
  } finally {
    stream?.end();
  }
}
