// Accounts and sessions: registration, login, token refresh, the caller's identity.
import { z } from 'zod';
import { idSchema, planSchema, roleSchema, textSchema } from './common.js';

export const PASSWORD_MIN_LENGTH = 10;

export const emailSchema = z
  .email()
  .max(254)
  .transform((s) => s.toLowerCase());
export const passwordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(1024);

export const registerBodySchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: textSchema(200, 1),
  organizationName: textSchema(200, 1).optional(),
});
export type RegisterBody = z.infer<typeof registerBodySchema>;

export const loginBodySchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(1024),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const refreshBodySchema = z.object({ refreshToken: z.string().min(1).max(512) });
export const logoutBodySchema = z.object({ refreshToken: z.string().min(1).max(512).optional() });

export const userSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  role: roleSchema,
});
export type User = z.infer<typeof userSchema>;

export const sessionTokensSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number().int().describe('Access token lifetime in seconds'),
  user: userSchema,
});
export type SessionTokens = z.infer<typeof sessionTokensSchema>;

/**
 * One permission rule in CASL's raw form (https://casl.js.org): what the user may do to which subject, under which
 * conditions on the row. The dashboard evaluates these with @casl/ability, so it never restates the role model.
 */
export const abilityRuleSchema = z.object({
  action: z.union([z.string(), z.array(z.string())]),
  subject: z.union([z.string(), z.array(z.string())]),
  conditions: z.record(z.string(), z.unknown()).optional(),
  inverted: z.boolean().optional(),
});
export type AbilityRule = z.infer<typeof abilityRuleSchema>;

export const meSchema = z.object({
  user: userSchema,
  organization: z.object({ id: idSchema, name: z.string(), plan: planSchema }),
  rules: z
    .array(abilityRuleSchema)
    .describe('What this user may do, as CASL rules (subjects: Organization, Member, …)'),
});
export type Me = z.infer<typeof meSchema>;

export const setupStatusSchema = z.object({
  needsFirstUser: z.boolean().describe('True until the first account exists'),
  registration: z.enum(['invite', 'open']),
});
export type SetupStatus = z.infer<typeof setupStatusSchema>;

export const acceptInviteBodySchema = z.object({
  token: z.string().min(1).max(512),
  name: textSchema(200, 1),
  password: passwordSchema,
});
export type AcceptInviteBody = z.infer<typeof acceptInviteBodySchema>;
