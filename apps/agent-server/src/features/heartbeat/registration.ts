// The node's registration with its studio, kept in state.settings so a restart does not spend a new token.
import type { SecretBox } from '../../platform/crypto/secretBox.js';
import type { StateStore } from '../../platform/state/stateStore.js';

const KEYS = {
  studioUrl: 'studio.url',
  id: 'studio.agentServerId',
  nodeToken: 'studio.nodeToken',
  registrationTokenHash: 'studio.registrationTokenHash',
} as const;

export interface StudioRegistration {
  id: string;
  nodeToken: string;
}

export class RegistrationStore {
  constructor(
    private readonly state: StateStore,
    private readonly box: SecretBox,
  ) {}

  /**
   * The registration made with this studio and this registration token. A different token means the operator
   * wants the node registered anew (the studio forgot it, or it moves to another organization).
   */
  load(studioUrl: string, registrationTokenHash: string): StudioRegistration | undefined {
    const settings = this.state.current.settings;
    const id = settings[KEYS.id];
    const sealed = settings[KEYS.nodeToken];
    if (!id || !sealed) return undefined;
    if (settings[KEYS.studioUrl] !== studioUrl || settings[KEYS.registrationTokenHash] !== registrationTokenHash) {
      return undefined;
    }
    try {
      return { id, nodeToken: this.box.open(sealed, aadOf(id)) };
    } catch {
      // Sealed under another node key (node.key replaced): only a new registration can help.
      return undefined;
    }
  }

  async save(studioUrl: string, registrationTokenHash: string, registration: StudioRegistration): Promise<void> {
    const sealed = this.box.seal(registration.nodeToken, aadOf(registration.id));
    await this.state.update((draft) => {
      draft.settings[KEYS.studioUrl] = studioUrl;
      draft.settings[KEYS.id] = registration.id;
      draft.settings[KEYS.nodeToken] = sealed;
      draft.settings[KEYS.registrationTokenHash] = registrationTokenHash;
    });
  }
}

function aadOf(id: string): string {
  return `studio-node-token:${id}`;
}
