// The agent's own tools as an MCP server: its files and a shell, confined to its home, acting as that agent.
import { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { NodeError } from '../../platform/http/errors.js';
import { AGENT_SERVER_VERSION } from '../../version.js';
import type { FileService } from '../files/service.js';
import type { CommandRunner } from '../terminals/commands.js';

export interface AgentToolsDeps {
  files: FileService;
  commands: Pick<CommandRunner, 'exec'>;
}

const path = z.string().max(4096).describe('A path relative to your home directory');
type ToolResult = {
  content: { type: 'text'; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
};

/** A result both a model (text) and a program (structured content) can read. */
function answer(value: object): ToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value, null, 2) }], structuredContent: { ...value } };
}

/** The node's refusals (a path outside the home, a suspended agent) come back as tool errors a model can read. */
async function run(work: () => Promise<ToolResult>): Promise<ToolResult> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof NodeError)) throw err;
    return { content: [{ type: 'text', text: `${err.code}: ${err.message}` }], isError: true };
  }
}

export function agentToolServer(agentId: string, deps: AgentToolsDeps): McpServer {
  const { files, commands } = deps;
  const server = new McpServer({ name: 'mcp-agent-server', version: AGENT_SERVER_VERSION });

  server.registerTool(
    'fs_read',
    {
      description: 'Read a file in your home: UTF-8 text, or base64 for binary content.',
      inputSchema: z.object({ path }),
      annotations: { readOnlyHint: true },
    },
    async ({ path }) =>
      run(async () => {
        const file = await files.read(agentId, path);
        return { content: [{ type: 'text', text: file.content }], structuredContent: { ...file } };
      }),
  );

  server.registerTool(
    'fs_write',
    {
      description: 'Write a file in your home (created with its folders if missing, replaced atomically).',
      inputSchema: z.object({
        path,
        content: z.string(),
        encoding: z.enum(['utf8', 'base64']).default('utf8'),
      }),
      annotations: { destructiveHint: true },
    },
    async ({ path, content, encoding }) =>
      run(async () => answer(await files.write(agentId, { path, content, encoding }))),
  );

  server.registerTool(
    'fs_list',
    {
      description: 'List a directory in your home (the home itself when path is empty).',
      inputSchema: z.object({ path: path.default('') }),
      annotations: { readOnlyHint: true },
    },
    async ({ path }) => run(async () => answer(await files.list(agentId, path))),
  );

  server.registerTool(
    'fs_search',
    {
      description: 'Find files in your home by name, and by content when content is true.',
      inputSchema: z.object({
        query: z.string().min(1).max(1000),
        content: z.boolean().default(false),
        path: path.optional(),
      }),
      annotations: { readOnlyHint: true },
    },
    async ({ query, content, path }) =>
      run(async () => answer(await files.search(agentId, { query, content, ...(path ? { path } : {}) }))),
  );

  server.registerTool(
    'shell_exec',
    {
      description: 'Run a command with bash in your home (or a folder of it) and get its output and exit code.',
      inputSchema: z.object({
        command: z
          .string()
          .min(1)
          .max(64 * 1024),
        cwd: path.optional(),
        timeoutMs: z.number().int().positive().max(600_000).default(30_000),
      }),
      annotations: { destructiveHint: true, openWorldHint: true },
    },
    async ({ command, cwd, timeoutMs }) =>
      run(async () => {
        const result = await commands.exec(agentId, { command, timeoutMs, ...(cwd ? { cwd } : {}) });
        return { ...answer(result), isError: result.exitCode !== 0 };
      }),
  );

  return server;
}
