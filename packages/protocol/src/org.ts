// The organization (tenant), its members and invitations.
import { z } from 'zod';
import { emailSchema } from './auth.js';
import { idSchema, isoDateSchema, planSchema, roleSchema, textSchema } from './common.js';

export const organizationSchema = z.object({
  id: idSchema,
  name: z.string(),
  plan: planSchema,
  createdAt: isoDateSchema,
});
export type Organization = z.infer<typeof organizationSchema>;

export const updateOrganizationBodySchema = z
  .object({ name: textSchema(200, 1).optional(), plan: planSchema.optional() })
  .refine((b) => Object.keys(b).length > 0, 'Give at least one field to change');

export const memberSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  createdAt: isoDateSchema,
});
export type Member = z.infer<typeof memberSchema>;

export const invitationSchema = z.object({
  id: idSchema,
  email: z.string(),
  role: roleSchema,
  expiresAt: isoDateSchema,
  createdAt: isoDateSchema,
});
export type Invitation = z.infer<typeof invitationSchema>;

export const inviteMemberBodySchema = z.object({ email: emailSchema, role: roleSchema });
export type InviteMemberBody = z.infer<typeof inviteMemberBodySchema>;

export const inviteMemberResultSchema = z.object({
  invitation: invitationSchema,
  inviteUrl: z.string().describe('One-time link; shown only in this response'),
});
export type InviteMemberResult = z.infer<typeof inviteMemberResultSchema>;

export const updateMemberBodySchema = z.object({ role: roleSchema });

export const membersListSchema = z.object({
  members: z.array(memberSchema),
  invitations: z.array(invitationSchema),
});
export type MembersList = z.infer<typeof membersListSchema>;
