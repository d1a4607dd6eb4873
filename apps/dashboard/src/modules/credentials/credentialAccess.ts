// What the caller may do with a credential, asked of the studio's rules to hide buttons that would be refused.
// The server decides; these only keep the page honest about what will work.
import { subject } from '@casl/ability';
import type { Credential } from '@mcp-studio/protocol';
import type { AppAbility, CredentialAccessFields } from '../../auth/ability';

/** The credential as its rules see it (the same fields the studio matches them against). */
export function credentialSubject(credential: Credential) {
  const fields: CredentialAccessFields = {
    ownerUserId: credential.ownerUserId,
    visibility: credential.visibility,
    sharedUserIds: credential.sharedWith.userIds,
  };
  return subject('Credential', fields);
}

export interface CredentialPermissions {
  reveal: boolean;
  /** Edit the details and rotate the value. */
  update: boolean;
  delete: boolean;
  /** Share and unshare; the dialog also needs the member list, so this asks for it too. */
  share: boolean;
}

export const canCreateCredential = (ability: AppAbility) => ability.can('create', 'Credential');

/** The member list, for naming people and picking whom to share with. */
export const canListMembers = (ability: AppAbility) => ability.can('read', 'Member');

export function credentialPermissions(ability: AppAbility, credential: Credential): CredentialPermissions {
  const target = credentialSubject(credential);
  return {
    reveal: ability.can('reveal', target),
    update: ability.can('update', target),
    delete: ability.can('delete', target),
    share: ability.can('share', target) && canListMembers(ability),
  };
}
