// What the signed-in caller may do, as the studio's own CASL rules: the dashboard never restates the role model.
import { createMongoAbility, type ForcedSubject, type MongoAbility, type RawRuleOf } from '@casl/ability';
import type { AbilityRule } from '@mcp-studio/protocol';
import { createContext, useContext } from 'react';

/** The actions and subjects of the studio's rules (apps/studio/src/platform/auth/abilities.ts). */
export type Action = 'manage' | 'create' | 'read' | 'update' | 'delete' | 'reveal' | 'share' | 'use' | 'provision';
export type SubjectType =
  | 'Organization'
  | 'Member'
  | 'Invitation'
  | 'ApiToken'
  | 'Credential'
  | 'McpServer'
  | 'Usage'
  | 'AgentServer'
  | 'all';

/** The row fields the rules on a credential look at. */
export interface CredentialAccessFields {
  ownerUserId: string | null;
  visibility: string;
  sharedUserIds: string[];
}

/** A subject type alone, or a row of a type whose rules carry conditions (built with CASL's `subject()`). */
type SubjectArg =
  | SubjectType
  | (ForcedSubject<'Credential'> & CredentialAccessFields)
  | (ForcedSubject<'ApiToken'> & { userId: string });

export type AppAbility = MongoAbility<[Action, SubjectArg]>;

/** A permission a module's route or navigation entry may require, e.g. `{ action: 'read', subject: 'Member' }`. */
export interface Permission {
  action: Action;
  subject: SubjectType;
}

/**
 * Evaluates the rules of `GET /api/auth/me`. They arrive as plain strings; an action or subject this app does not
 * know simply never matches anything it asks about.
 */
export function buildAbility(rules: readonly AbilityRule[]): AppAbility {
  return createMongoAbility<AppAbility>(rules as RawRuleOf<AppAbility>[]);
}

export const AbilityContext = createContext<AppAbility | null>(null);

/** The caller's ability; signed out, it allows nothing. */
export function useAbility(): AppAbility {
  const ability = useContext(AbilityContext);
  if (!ability) throw new Error('useAbility must be used inside <AbilityProvider>');
  return ability;
}
