// The only place catalog rows become JSON: tools with their flags, resources, templates and prompts as listed.
import type { CatalogTool } from '@mcp-studio/protocol';
import type { CatalogRow } from './catalogStore.js';

type Definition = Record<string, unknown>;

export function presentCatalogTool(row: CatalogRow, disabledTools: readonly string[]): CatalogTool {
  return {
    ...row.definition,
    name: row.name,
    inputSchema: inputSchemaOf(row.definition),
    enabled: !disabledTools.includes(row.name),
    changed: row.changed,
    changedAt: row.changedAt?.toISOString() ?? null,
    previous: row.previous ? { ...row.previous, inputSchema: inputSchemaOf(row.previous) } : null,
  };
}

/** A tool always has an input schema; an odd server that omits it is shown the MCP default. */
function inputSchemaOf(definition: Definition): Definition {
  const schema = definition.inputSchema;
  return schema && typeof schema === 'object' ? (schema as Definition) : { type: 'object' };
}
