// A server's secrets in the vault: new values become credentials the server owns, references are checked.
import type { SecretInput } from '@mcp-studio/protocol';
import type { Principal } from '../../platform/auth/principal.js';
import { AppError, badRequest } from '../../platform/http/errors.js';
import type { CredentialService } from '../credentials/service.js';

type CredentialType = 'api_key' | 'password' | 'token' | 'certificate' | 'secret';

/** One secret of a server, named by where it is used: `auth.token`, `env.GITHUB_TOKEN`, `header.X-Api-Key`. */
export interface SecretSlot {
  key: string;
  type: CredentialType;
  input: SecretInput;
}

export interface ResolvedSecrets {
  /** Slot key → credential id. */
  ids: Map<string, string>;
  /** Credentials the server owns after this change. */
  owned: string[];
}

export class ServerSecrets {
  constructor(private readonly credentials: CredentialService) {}

  /**
   * Resolves every slot to a credential. A new value for a slot whose credential the server already owns rotates
   * that credential in place; otherwise it creates one. Owned credentials no longer used are deleted.
   */
  async resolve(
    principal: Principal,
    server: { slug: string; name: string },
    slots: SecretSlot[],
    previous: { ids: Map<string, string>; owned: string[] },
    ip: string | null,
  ): Promise<ResolvedSecrets> {
    const ids = new Map<string, string>();
    const owned = new Set<string>();
    const created: string[] = [];
    try {
      for (const slot of slots) {
        if (typeof slot.input !== 'string') {
          await this.assertExists(principal, slot.key, slot.input.credentialId);
          ids.set(slot.key, slot.input.credentialId);
          if (previous.owned.includes(slot.input.credentialId)) owned.add(slot.input.credentialId);
          continue;
        }
        const earlier = previous.ids.get(slot.key);
        if (earlier && previous.owned.includes(earlier)) {
          await this.credentials.update(principal, earlier, { value: slot.input }, ip);
          ids.set(slot.key, earlier);
          owned.add(earlier);
          continue;
        }
        const credential = await this.credentials.create(
          principal,
          {
            name: `mcp-server/${server.slug}/${slot.key}`,
            type: slot.type,
            visibility: 'private',
            value: slot.input,
            description: `Used by the MCP server "${server.name}" (${slot.key})`,
            metadata: { mcpServer: server.slug, slot: slot.key },
          },
          ip,
        );
        created.push(credential.id);
        ids.set(slot.key, credential.id);
        owned.add(credential.id);
      }
    } catch (err) {
      await this.release(principal, created, ip);
      throw err;
    }
    return { ids, owned: [...owned] };
  }

  /** Deletes credentials the server owned; already-missing ones are skipped. */
  async release(principal: Principal, credentialIds: string[], ip: string | null): Promise<void> {
    for (const id of credentialIds) {
      try {
        await this.credentials.delete(principal, id, ip);
      } catch (err) {
        if (!(err instanceof AppError && err.statusCode === 404)) throw err;
      }
    }
  }

  private async assertExists(principal: Principal, key: string, credentialId: string): Promise<void> {
    try {
      await this.credentials.get(principal, credentialId);
    } catch (err) {
      if (err instanceof AppError && err.statusCode === 404) {
        throw badRequest(`${key}: no credential ${credentialId} in this organization`);
      }
      throw err;
    }
  }
}
