// Shapes shared by every endpoint: ids, roles, plans and the one error body.
import { z } from 'zod';

export const ROLES = ['ADMIN', 'MANAGER', 'OPERATOR', 'VIEWER', 'USER'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const PLANS = ['FREE', 'STARTER', 'PRO', 'ENTERPRISE'] as const;
export const planSchema = z.enum(PLANS);
export type Plan = z.infer<typeof planSchema>;

export const idSchema = z.uuid();
export const idParamsSchema = z.object({ id: idSchema });

/** PostgreSQL text cannot hold NUL; refuse it at the edge with a clear message rather than fail in the database. */
const hasNoNul = (value: string) => !value.includes('\u0000');
export const textSchema = (max: number, min = 0) =>
  z.string().trim().min(min).max(max).refine(hasNoNul, 'Must not contain NUL characters');
export const plainStringSchema = (max: number, min = 0) =>
  z.string().min(min).max(max).refine(hasNoNul, 'Must not contain NUL characters');

export const isoDateSchema = z.string().describe('ISO 8601 timestamp');

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
  requestId: z.string(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
