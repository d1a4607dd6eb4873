// The contract between the studio, the dashboard and agent servers.

export type {
  AbilityRule,
  AcceptInviteBody,
  LoginBody,
  Me,
  RegisterBody,
  SessionTokens,
  SetupStatus,
  User,
} from './auth.js';
export {
  abilityRuleSchema,
  acceptInviteBodySchema,
  emailSchema,
  loginBodySchema,
  logoutBodySchema,
  meSchema,
  PASSWORD_MIN_LENGTH,
  passwordSchema,
  refreshBodySchema,
  registerBodySchema,
  sessionTokensSchema,
  setupStatusSchema,
  userSchema,
} from './auth.js';
export type { ErrorBody, Plan, Role } from './common.js';
export {
  errorBodySchema,
  idParamsSchema,
  idSchema,
  isoDateSchema,
  PLANS,
  plainStringSchema,
  planSchema,
  ROLES,
  roleSchema,
  textSchema,
} from './common.js';
export type {
  CreateCredentialBody,
  Credential,
  CredentialAuditEntry,
  ShareCredentialBody,
  UpdateCredentialBody,
} from './credentials.js';
export {
  CREDENTIAL_AUDIT_ACTIONS,
  CREDENTIAL_TYPES,
  CREDENTIAL_VALUE_MAX_BYTES,
  CREDENTIAL_VISIBILITIES,
  createCredentialBodySchema,
  credentialAuditEntrySchema,
  credentialAuditSchema,
  credentialSchema,
  credentialsListSchema,
  credentialTypeSchema,
  credentialValueSchema,
  credentialVisibilitySchema,
  shareCredentialBodySchema,
  updateCredentialBodySchema,
} from './credentials.js';
export type { ClientMessage, EventType, ServerEvent } from './events.js';
export {
  CONTROL_MESSAGE_TYPES,
  clientMessageSchema,
  EVENT_TYPES,
  serverMessageSchema,
  TOPICS,
  topicSchema,
  WS_CLOSE_UNAUTHORIZED,
} from './events.js';
export type { Invitation, InviteMemberBody, InviteMemberResult, Member, MembersList, Organization } from './org.js';
export {
  invitationSchema,
  inviteMemberBodySchema,
  inviteMemberResultSchema,
  memberSchema,
  membersListSchema,
  organizationSchema,
  updateMemberBodySchema,
  updateOrganizationBodySchema,
} from './org.js';
export type { CatalogRefreshResult, CatalogTool, CatalogToolsList, ServerCatalogChanged } from './serverCatalog.js';
export {
  catalogRefreshResultSchema,
  catalogToolSchema,
  catalogToolsListSchema,
  serverCatalogChangedSchema,
} from './serverCatalog.js';
export type { HealthCheck, HealthHistory, ServerStatusChanged } from './serverHealth.js';
export {
  healthCheckSchema,
  healthHistoryQuerySchema,
  healthHistorySchema,
  serverStatusChangedSchema,
} from './serverHealth.js';
export type {
  CallToolResult,
  ConnectionTestResult,
  CreateServerBody,
  ExportServersResult,
  ImportServersBody,
  ImportServersResult,
  McpConfigEntry,
  McpServer,
  McpTool,
  SecretInput,
  ServerAuth,
  ServerAuthInput,
  ServerLogs,
  ServerManifest,
  ServerTransport,
  ToolCallProgress,
  TranscriptEntry,
  UpdateServerBody,
} from './servers.js';
export {
  CONNECTION_FAILURE_REASONS,
  callToolBodySchema,
  callToolResultSchema,
  connectionTestResultSchema,
  createServerBodySchema,
  exportServersResultSchema,
  getPromptBodySchema,
  getPromptResultSchema,
  IMPORT_ACTIONS,
  importServersBodySchema,
  importServersQuerySchema,
  importServersResultSchema,
  MANIFEST_PERMISSIONS,
  mcpConfigEntrySchema,
  mcpPromptsListSchema,
  mcpResourcesListSchema,
  mcpToolSchema,
  mcpToolsListSchema,
  readResourceBodySchema,
  readResourceResultSchema,
  SERVER_STATUSES,
  SERVER_TRANSPORTS,
  secretInputSchema,
  serverAuthInputSchema,
  serverAuthSchema,
  serverLogsSchema,
  serverManifestSchema,
  serverSchema,
  serverStatusSchema,
  serversListSchema,
  serverTransportSchema,
  TOOL_CALL_STREAM_EVENTS,
  toolCallProgressSchema,
  transcriptEntrySchema,
  updateServerBodySchema,
} from './servers.js';
export type { ApiToken, CreatedToken, CreateTokenBody } from './tokens.js';
export {
  API_TOKEN_PREFIX,
  apiTokenSchema,
  createdTokenSchema,
  createTokenBodySchema,
  permissionSchema,
  tokensListSchema,
} from './tokens.js';
