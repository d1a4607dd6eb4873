// Wires the heartbeat into a node that has a STUDIO_URL: starts once the node listens, stops when it closes.
import os from 'node:os';
import type { AgentServerConfig } from '../../config.js';
import type { SecretBox } from '../../platform/crypto/secretBox.js';
import type { App } from '../../platform/http/app.js';
import type { StateStore } from '../../platform/state/stateStore.js';
import { AGENT_SERVER_VERSION } from '../../version.js';
import { figuresOf } from './figures.js';
import { Heartbeat } from './heartbeat.js';
import { RegistrationStore } from './registration.js';
import { StudioClient } from './studioClient.js';

export interface HeartbeatSetup {
  config: AgentServerConfig;
  state: StateStore;
  box: SecretBox;
  masterToken: string;
}

/** Does nothing without STUDIO_URL (config guarantees REGISTRATION_TOKEN comes with it). */
export function startHeartbeat(app: App, setup: HeartbeatSetup): void {
  const { config, state, box, masterToken } = setup;
  const { studioUrl, registrationToken } = config;
  if (!studioUrl || !registrationToken) return;
  let heartbeat: Heartbeat | undefined;
  app.addHook('onListen', async () => {
    heartbeat = new Heartbeat({
      client: new StudioClient(studioUrl),
      registrations: new RegistrationStore(state, box),
      studioUrl,
      registrationToken,
      identity: {
        name: config.name ?? os.hostname(),
        url: reachableUrl(app, config.publicUrl),
        masterToken,
        version: AGENT_SERVER_VERSION,
      },
      intervalMs: config.heartbeatIntervalMs,
      figures: async () => figuresOf(await app.presence.status()),
      log: app.log.child({ feature: 'heartbeat' }),
    });
    heartbeat.start();
  });
  app.addHook('onClose', async () => heartbeat?.stop());
}

/** A node told to take any free port (AGENT_SERVER_PORT=0) and given no PUBLIC_URL reports the port it got. */
function reachableUrl(app: App, publicUrl: string): string {
  const address = app.server.address();
  if (!publicUrl.endsWith(':0') || typeof address !== 'object' || !address) return publicUrl;
  return `${publicUrl.slice(0, -2)}:${address.port}`;
}
