// The agent server's Anthropic Messages relay (/v1/messages) and the model usage it records per agent.
import { z } from 'zod';
import { idSchema } from '../common.js';

/**
 * What the relay checks of a Messages request before forwarding it untouched: a JSON object naming a model and
 * carrying messages. Everything else is Anthropic's to judge, so unknown fields pass.
 */
export const messagesRequestSchema = z.looseObject({
  model: z.string().min(1).max(256),
  messages: z.array(z.unknown()),
});
export type MessagesRequest = z.infer<typeof messagesRequestSchema>;

/**
 * Anthropic's error body, which SDK clients parse. The relay's own errors add the node's `code` and `requestId`,
 * so one body reads both as an Anthropic error and as the node's error shape.
 */
export const anthropicErrorBodySchema = z.object({
  type: z.literal('error'),
  error: z.looseObject({ type: z.string(), message: z.string(), code: z.string().optional() }),
  requestId: z.string().optional(),
});
export type AnthropicErrorBody = z.infer<typeof anthropicErrorBodySchema>;

/** A UTC day, YYYY-MM-DD. */
export const agentUsageDaySchema = z.iso.date();

export const agentUsageQuerySchema = z
  .object({ from: agentUsageDaySchema.optional(), to: agentUsageDaySchema.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });
export type AgentUsageQuery = z.infer<typeof agentUsageQuerySchema>;

export const agentTokenCountsSchema = z.object({
  /** Upstream replies that succeeded (2xx) and were relayed. */
  requests: z.number().int().nonnegative(),
  /** Anthropic's `input_tokens` (cache reads and writes are reported apart by Anthropic and not counted here). */
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
});
export type AgentTokenCounts = z.infer<typeof agentTokenCountsSchema>;

export const agentUsageRowSchema = agentTokenCountsSchema.extend({ day: agentUsageDaySchema, model: z.string() });
export type AgentUsageRow = z.infer<typeof agentUsageRowSchema>;

export const agentUsageReportSchema = z.object({
  agentId: idSchema,
  from: agentUsageDaySchema.nullable(),
  to: agentUsageDaySchema.nullable(),
  totals: agentTokenCountsSchema,
  /** One row per UTC day and model, oldest first. */
  rows: z.array(agentUsageRowSchema),
});
export type AgentUsageReport = z.infer<typeof agentUsageReportSchema>;
