// Virtual servers: a named subset of an organization's MCP tools, served by the gateway at /mcp/v/<slug>.
import { z } from 'zod';
import { idSchema, isoDateSchema, plainStringSchema, textSchema } from './common.js';

export const VIRTUAL_SLUG_MAX_LENGTH = 40;

export const virtualServerSlugSchema = z
  .string()
  .max(VIRTUAL_SLUG_MAX_LENGTH)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lowercase letters, digits and single hyphens');

/** An MCP tool name as clients accept it: 1–64 characters from `[A-Za-z0-9_.-]`. */
export const toolAliasSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, 'Use 1–64 characters from A–Z, a–z, 0–9, _, . and -');

export const virtualServerToolSchema = z.object({
  serverId: idSchema,
  tool: plainStringSchema(128, 1),
  alias: toolAliasSchema.optional(),
});
export type VirtualServerTool = z.infer<typeof virtualServerToolSchema>;

/** A glob over the gateway's `<server-slug>__<tool>` names: `*` is any run of characters, `?` one character. */
export const toolPatternSchema = plainStringSchema(200, 1);

const virtualServerFields = {
  name: textSchema(100, 1),
  slug: virtualServerSlugSchema.optional(),
  description: textSchema(1000).optional(),
  tools: z.array(virtualServerToolSchema).max(500),
  include: z.array(toolPatternSchema).max(100).optional(),
  exclude: z.array(toolPatternSchema).max(100).optional(),
};

/** Aliases must be unique within a virtual server: two tools under one name could not both be called. */
function checkAliasesUnique(body: { tools?: VirtualServerTool[] | undefined }, ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  body.tools?.forEach((tool, index) => {
    if (tool.alias === undefined) return;
    if (seen.has(tool.alias)) {
      ctx.addIssue({ code: 'custom', path: ['tools', index, 'alias'], message: `Alias ${tool.alias} is used twice` });
    }
    seen.add(tool.alias);
  });
}

export const createVirtualServerBodySchema = z.object(virtualServerFields).superRefine(checkAliasesUnique);
export type CreateVirtualServerBody = z.infer<typeof createVirtualServerBodySchema>;

/** A PATCH replaces the fields it gives; `description: null` clears it. */
export const updateVirtualServerBodySchema = z
  .object({ ...virtualServerFields, description: virtualServerFields.description.unwrap().nullable() })
  .partial()
  .superRefine(checkAliasesUnique)
  .refine((b) => Object.keys(b).length > 0, 'Give at least one field to change');
export type UpdateVirtualServerBody = z.infer<typeof updateVirtualServerBodySchema>;

export const virtualServerSchema = z.object({
  id: idSchema,
  name: z.string(),
  slug: z.string().describe('Served at /mcp/v/<slug>; a token needs mcp:virtual:<slug> (or mcp:* or *)'),
  description: z.string().nullable(),
  tools: z.array(virtualServerToolSchema),
  include: z.array(z.string()),
  exclude: z.array(z.string()),
  createdBy: idSchema.nullable(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type VirtualServer = z.infer<typeof virtualServerSchema>;
export const virtualServersListSchema = z.object({ virtualServers: z.array(virtualServerSchema) });
