// Metering and quotas of MCP traffic: usage events, the usage report and export, and the caller's daily quota.
import { z } from 'zod';
import { idSchema, isoDateSchema } from './common.js';

/** The methods that are metered and count against a quota; listing and initialization never do. */
export const METERED_METHODS = ['tools/call', 'resources/read', 'prompts/get'] as const;
export const meteredMethodSchema = z.enum(METERED_METHODS);
export type MeteredMethod = z.infer<typeof meteredMethodSchema>;

export const USAGE_STATUSES = ['ok', 'error', 'timeout', 'quota', 'denied'] as const;
export const usageStatusSchema = z.enum(USAGE_STATUSES);
export type UsageStatus = z.infer<typeof usageStatusSchema>;

/** One metered call, as stored and exported. `tool` is the tool name, the resource URI or the prompt name. */
export const usageEventSchema = z.object({
  id: idSchema,
  requestId: z.string(),
  orgId: idSchema,
  userId: idSchema,
  tokenId: idSchema.nullable(),
  workspaceId: idSchema.nullable(),
  serverId: idSchema.nullable(),
  method: meteredMethodSchema,
  tool: z.string(),
  status: usageStatusSchema,
  errorCode: z.string().nullable(),
  latencyMs: z.number().int().nonnegative(),
  bytesIn: z.number().int().nonnegative(),
  bytesOut: z.number().int().nonnegative(),
  tokensIn: z.number().int().nonnegative(),
  tokensOut: z.number().int().nonnegative(),
  at: isoDateSchema,
});
export type UsageEvent = z.infer<typeof usageEventSchema>;

export const USAGE_GROUPS = ['day', 'user', 'server', 'tool'] as const;
export const usageGroupSchema = z.enum(USAGE_GROUPS);
export type UsageGroup = z.infer<typeof usageGroupSchema>;

const dateParam = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'Must be an ISO 8601 date or timestamp')
  .describe('ISO 8601 date or timestamp');

/** Filters shared by the usage report and the export. `from` is inclusive, `to` exclusive. */
export const usageFilterSchema = z.object({
  userId: idSchema.optional(),
  serverId: idSchema.optional(),
  tool: z.string().min(1).max(2048).optional(),
  status: usageStatusSchema.optional(),
  from: dateParam.optional(),
  to: dateParam.optional(),
});
export type UsageFilter = z.infer<typeof usageFilterSchema>;

export const usageQuerySchema = usageFilterSchema.extend({ groupBy: usageGroupSchema.default('day') });
export type UsageQuery = z.infer<typeof usageQuerySchema>;

export const usageExportQuerySchema = usageFilterSchema.extend({ format: z.enum(['csv', 'json']).default('csv') });

/** One group of the report: `key` is the day (YYYY-MM-DD), user id, server id or tool; `label` a readable name. */
export const usageGroupRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  calls: z.number().int(),
  errors: z.number().int().describe('Calls with status error or timeout'),
  rejected: z.number().int().describe('Calls refused by a quota or a permission'),
  latencyP50Ms: z.number().nullable(),
  latencyP95Ms: z.number().nullable(),
  bytesIn: z.number().int(),
  bytesOut: z.number().int(),
  tokensIn: z.number().int(),
  tokensOut: z.number().int(),
});
export type UsageGroupRow = z.infer<typeof usageGroupRowSchema>;

export const usageReportSchema = z.object({
  groupBy: usageGroupSchema,
  from: isoDateSchema,
  to: isoDateSchema,
  /** ADMINs see the organization; everyone else only their own calls. */
  scope: z.enum(['organization', 'self']),
  totals: usageGroupRowSchema.omit({ key: true, label: true }),
  groups: z.array(usageGroupRowSchema),
});
export type UsageReport = z.infer<typeof usageReportSchema>;

/** The caller's quota today. `limit` and `remaining` are null when the plan is unlimited. */
export const quotaStatusSchema = z.object({
  plan: z.string(),
  limit: z.number().int().nullable(),
  used: z.number().int(),
  remaining: z.number().int().nullable(),
  reset_at: isoDateSchema,
});
export type QuotaStatus = z.infer<typeof quotaStatusSchema>;

/** The 429 body: the one error shape plus what a client needs to wait. */
export const quotaExceededBodySchema = z.object({
  error: z.object({ code: z.literal('quota_exceeded'), message: z.string() }),
  limit: z.number().int(),
  remaining: z.literal(0),
  reset_at: isoDateSchema,
  requestId: z.string().optional(),
});
export type QuotaExceededBody = z.infer<typeof quotaExceededBodySchema>;
