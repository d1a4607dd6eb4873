// What a tool call must pass before it reaches the server: the tool exists, is not disabled, and its arguments
// match its input schema.
import { AppError, forbidden } from '../../../platform/http/errors.js';
import type { ArgumentValidator } from './argumentValidator.js';
import type { CatalogService } from './catalogService.js';

export interface ToolCallGuardDeps {
  catalog: CatalogService;
  validator: ArgumentValidator;
}

export class ToolCallGuard {
  constructor(private readonly deps: ToolCallGuardDeps) {}

  /**
   * Throws 403 `tool_disabled`, 404 `tool_not_found` or 400 `invalid_arguments` (details: `[{path, message}]`).
   * A schema that cannot be compiled does not block the call: the server judges the arguments itself.
   */
  async assertCallable(
    orgId: string,
    server: { id: string; disabledTools: readonly string[] },
    name: string,
    args: Record<string, unknown>,
  ): Promise<void> {
    const serverId = server.id;
    if (server.disabledTools.includes(name)) {
      throw forbidden(`The tool ${name} is disabled on this MCP server`, 'tool_disabled');
    }
    const tool = await this.deps.catalog.toolFor(orgId, serverId, name);
    const schema = tool.definition.inputSchema;
    if (!schema || typeof schema !== 'object') return;
    const issues = this.deps.validator.check(schema as Record<string, unknown>, args, { serverId, tool: name });
    if (!issues?.length) return;
    const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    throw new AppError('invalid_arguments', 400, `Invalid arguments for tool ${name}: ${summary}`, issues);
  }
}
