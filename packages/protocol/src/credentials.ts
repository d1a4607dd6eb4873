// Credentials vault: encrypted secrets whose values are write-only except through reveal.
import { z } from 'zod';
import { idSchema, isoDateSchema, plainStringSchema, textSchema } from './common.js';

export const CREDENTIAL_TYPES = ['api_key', 'password', 'ssh_key', 'token', 'certificate', 'secret', 'other'] as const;
export const credentialTypeSchema = z.enum(CREDENTIAL_TYPES);
export const CREDENTIAL_VISIBILITIES = ['private', 'internal', 'public'] as const;
export const credentialVisibilitySchema = z.enum(CREDENTIAL_VISIBILITIES);

export const CREDENTIAL_VALUE_MAX_BYTES = 64 * 1024;
const utf8Length = (value: string) => new TextEncoder().encode(value).length;
const valueSchema = plainStringSchema(CREDENTIAL_VALUE_MAX_BYTES, 1).refine(
  (value) => utf8Length(value) <= CREDENTIAL_VALUE_MAX_BYTES,
  `Must be at most ${CREDENTIAL_VALUE_MAX_BYTES} bytes in UTF-8`,
);
const metadataSchema = z
  .record(z.string(), z.unknown())
  .refine((metadata) => !JSON.stringify(metadata).includes('\\u0000'), 'Must not contain NUL characters')
  .refine((metadata) => utf8Length(JSON.stringify(metadata)) <= 16 * 1024, 'Must be at most 16 KiB as JSON');

export const createCredentialBodySchema = z.object({
  name: textSchema(200, 1),
  type: credentialTypeSchema,
  visibility: credentialVisibilitySchema.default('private'),
  value: valueSchema,
  description: textSchema(2000).optional(),
  metadata: metadataSchema.optional(),
});
export type CreateCredentialBody = z.input<typeof createCredentialBodySchema>;

export const updateCredentialBodySchema = z
  .object({
    name: textSchema(200, 1).optional(),
    type: credentialTypeSchema.optional(),
    visibility: credentialVisibilitySchema.optional(),
    value: valueSchema.optional().describe('A new value rotates the secret; the id stays'),
    description: textSchema(2000).nullable().optional(),
    metadata: metadataSchema.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'Give at least one field to change');
export type UpdateCredentialBody = z.infer<typeof updateCredentialBodySchema>;

export const credentialSchema = z.object({
  id: idSchema,
  name: z.string(),
  type: credentialTypeSchema,
  visibility: credentialVisibilitySchema,
  description: z.string().nullable(),
  metadata: metadataSchema,
  ownerUserId: idSchema.nullable(),
  ownerAgentId: idSchema.nullable(),
  sharedWith: z.object({ userIds: z.array(idSchema), agentIds: z.array(idSchema) }),
  hasValue: z.literal(true),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type Credential = z.infer<typeof credentialSchema>;

export const credentialsListSchema = z.object({ credentials: z.array(credentialSchema) });
export const credentialValueSchema = z.object({ value: z.string() });

export const shareCredentialBodySchema = z
  .object({ userIds: z.array(idSchema).max(500).optional(), agentIds: z.array(idSchema).max(500).optional() })
  .refine((b) => (b.userIds?.length ?? 0) + (b.agentIds?.length ?? 0) > 0, 'Name at least one user or agent');
export type ShareCredentialBody = z.infer<typeof shareCredentialBodySchema>;

export const CREDENTIAL_AUDIT_ACTIONS = [
  'created',
  'revealed',
  'updated',
  'rotated',
  'shared',
  'unshared',
  'deleted',
  'used',
] as const;
export const credentialAuditEntrySchema = z.object({
  id: idSchema,
  action: z.enum(CREDENTIAL_AUDIT_ACTIONS),
  actorId: idSchema.nullable(),
  actorType: z.enum(['user', 'agent', 'server', 'system']),
  at: isoDateSchema,
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type CredentialAuditEntry = z.infer<typeof credentialAuditEntrySchema>;
export const credentialAuditSchema = z.object({ entries: z.array(credentialAuditEntrySchema) });
