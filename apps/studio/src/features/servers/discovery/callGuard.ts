// What a tool call must pass before it reaches the server: the tool exists, is not disabled, and its arguments
// match its input schema.
import { AppError, forbidden } from '../../../platform/http/errors.js';
import type { ServerDirectory } from '../directory.js';
import type { ArgumentValidator } from './argumentValidator.js';
import type { CatalogService } from './catalogService.js';

export interface ToolCallGuardDeps {
  catalog: Pick<CatalogService, 'toolFor'>;
  /** The catalog as this process holds it; a tool it does not list yet is looked up (and refreshed) in the catalog. */
  directory: Pick<ServerDirectory, 'tools'>;
  validator: ArgumentValidator;
}

/** What a call needs of the tool's definition. */
export interface CallableTool {
  inputSchema?: unknown;
  /** Structured content in the answer must match it. */
  outputSchema?: unknown;
}

export class ToolCallGuard {
  constructor(private readonly deps: ToolCallGuardDeps) {}

  /**
   * Throws 403 `tool_disabled`, 404 `tool_not_found` or 400 `invalid_arguments` (details: `[{path, message}]`).
   * A schema that cannot be compiled does not block the call: the server judges the arguments itself. Answers the
   * tool as listed, for what its answer must match.
   */
  async assertCallable(
    orgId: string,
    server: { id: string; disabledTools: readonly string[] },
    name: string,
    args: Record<string, unknown>,
  ): Promise<CallableTool> {
    const serverId = server.id;
    if (server.disabledTools.includes(name)) {
      throw forbidden(`The tool ${name} is disabled on this MCP server`, 'tool_disabled');
    }
    const tool = await this.tool(orgId, serverId, name);
    const schema = tool.inputSchema;
    if (!schema || typeof schema !== 'object') return tool;
    const issues = this.deps.validator.check(schema as Record<string, unknown>, args, { serverId, tool: name });
    if (!issues?.length) return tool;
    const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    throw new AppError('invalid_arguments', 400, `Invalid arguments for tool ${name}: ${summary}`, issues);
  }

  private async tool(orgId: string, serverId: string, name: string): Promise<CallableTool> {
    // A catalog never read is read here (once, shared with the listing); failing that, the call fails as it would.
    const listed = await this.deps.directory.tools(orgId, serverId);
    const tool = listed.tools.find((entry) => entry.name === name);
    if (tool) return tool;
    return (await this.deps.catalog.toolFor(orgId, serverId, name)).definition as CallableTool;
  }
}
