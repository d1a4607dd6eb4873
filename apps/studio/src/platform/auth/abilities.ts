// The role model in one place: what each role may do, as CASL abilities. Routes and services both ask it.
import {
  AbilityBuilder,
  subject as caslSubject,
  createMongoAbility,
  type ForcedSubject,
  type MongoAbility,
} from '@casl/ability';
import type { Role } from '@mcp-studio/protocol';

export type Action = 'manage' | 'create' | 'read' | 'update' | 'delete' | 'reveal' | 'share' | 'use' | 'provision';
export type Subject =
  | 'Organization'
  | 'Member'
  | 'Invitation'
  | 'ApiToken'
  | 'Credential'
  | 'McpServer'
  | 'Usage'
  | 'AgentServer'
  | 'all';
/** Subjects with conditions carry the row fields their rules look at. */
type SubjectArg =
  | Subject
  | (ForcedSubject<'Credential'> & CredentialAccessFields)
  | (ForcedSubject<'ApiToken'> & { userId: string });
export type AppAbility = MongoAbility<[Action, SubjectArg]>;

export const ROLE_RANK: Record<Role, number> = { ADMIN: 5, MANAGER: 4, OPERATOR: 3, VIEWER: 2, USER: 1 };

/** The fields of a credential that its rules look at. */
export interface CredentialAccessFields {
  ownerUserId: string | null;
  visibility: string;
  sharedUserIds: string[];
}

export function defineAbilityFor(user: { id: string; role: Role }): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  const own = { ownerUserId: user.id };
  const sharedWithMe = { sharedUserIds: user.id };

  // Everyone: the organization's profile, its MCP servers (only ADMINs register or change them), and their own
  // API tokens.
  can('read', 'Organization');
  can('read', 'McpServer');
  // Their own MCP usage and quota; ADMINs (manage all) see the whole organization's.
  can('read', 'Usage');
  // Agent servers (nodes): everyone sees them and their agents, workspaces and projects; only ADMINs (manage all)
  // register, attach, change or remove a node.
  can('read', 'AgentServer');
  can(['create', 'read', 'update', 'delete'], 'ApiToken', { userId: user.id });

  // Calling a server's tools: everyone but VIEWERs, who only read.
  if (user.role !== 'VIEWER') can('use', 'McpServer');

  switch (user.role) {
    case 'ADMIN':
      can('manage', 'all');
      break;
    case 'MANAGER':
      can('read', 'Member');
      can('manage', 'Credential');
      // Provisioning agents on a node (create, delete, activate, suspend, sync).
      can(['use', 'provision'], 'AgentServer');
      break;
    case 'OPERATOR':
    case 'USER':
      if (user.role === 'OPERATOR') {
        can('read', 'Member');
        // Files, terminals, commands, and changes to workspaces and projects on a node.
        can('use', 'AgentServer');
      }
      can('create', 'Credential');
      can(['read', 'reveal', 'update', 'delete', 'share'], 'Credential', own);
      can(['read', 'reveal'], 'Credential', sharedWithMe);
      can(['read', 'reveal'], 'Credential', { visibility: 'public' });
      can('read', 'Credential', { visibility: 'internal' });
      break;
    case 'VIEWER':
      // Reads dashboards; never a secret value.
      can('read', 'Member');
      can('read', 'Credential', { visibility: { $in: ['internal', 'public'] } });
      can('read', 'Credential', sharedWithMe);
      break;
  }
  return build();
}

export const asSubject = caslSubject;
