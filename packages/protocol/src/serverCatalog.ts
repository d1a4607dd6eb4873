// What a server offers, cached by the studio: tools (with changes flagged), resources, templates and prompts.
import { z } from 'zod';
import { idSchema, isoDateSchema } from './common.js';
import { mcpToolSchema } from './servers.js';

/** A tool as last listed, flagged when its description or input schema changed since it was first seen. */
export const catalogToolSchema = mcpToolSchema.extend({
  enabled: z.boolean().describe('False when the server registration lists it in disabledTools'),
  changed: z.boolean().describe('Description or input schema differ from the version seen before'),
  changedAt: isoDateSchema.nullable(),
  previous: z
    .looseObject({ description: z.string().optional(), inputSchema: z.record(z.string(), z.unknown()) })
    .nullable()
    .describe('The earlier version of a changed tool'),
});
export type CatalogTool = z.infer<typeof catalogToolSchema>;

export const catalogToolsListSchema = z.object({
  tools: z.array(catalogToolSchema),
  refreshedAt: isoDateSchema.nullable().describe('When the catalog was last read from the server'),
});
export type CatalogToolsList = z.infer<typeof catalogToolsListSchema>;

/** The result of POST /api/servers/:id/refresh. */
export const catalogRefreshResultSchema = z.object({
  refreshedAt: isoDateSchema,
  counts: z.object({
    tools: z.number().int(),
    resources: z.number().int(),
    resourceTemplates: z.number().int(),
    prompts: z.number().int(),
  }),
  changedTools: z.array(z.string()).describe('Tools whose description or input schema changed in this refresh'),
});
export type CatalogRefreshResult = z.infer<typeof catalogRefreshResultSchema>;

/** The `server_catalog_changed` event on the `servers` topic. */
export const serverCatalogChangedSchema = z.object({
  id: idSchema,
  refreshedAt: isoDateSchema,
  changedTools: z.array(z.string()),
  counts: catalogRefreshResultSchema.shape.counts,
});
export type ServerCatalogChanged = z.infer<typeof serverCatalogChangedSchema>;
