// An agent server for the bench, in its own process so it shares no event loop with the studio or the client: the
// compiled buildNodeApp on the DATA_DIR and master token the parent sends over IPC, listening on 127.0.0.1.
import { randomBytes } from 'node:crypto';
import { buildNodeApp } from '../apps/agent-server/dist/app.js';
import { loadConfig } from '../apps/agent-server/dist/config.js';
import { SecretBox } from '../apps/agent-server/dist/platform/crypto/secretBox.js';
import { StateStore } from '../apps/agent-server/dist/platform/state/stateStore.js';

/** The parent's first message: where to keep the node's state and homes, and the master token to accept. */
const { dataDir, masterToken } = await new Promise((resolve) => process.once('message', resolve));

const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', PATH: process.env.PATH });
const state = await StateStore.open(dataDir);
const app = await buildNodeApp({ config, state, box: new SecretBox(randomBytes(32)), masterToken });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.send({ port: typeof address === 'object' && address ? address.port : 0 });

// Any later message (or the parent going away) stops the node: its terminals end with it.
const stop = async () => {
  await app.close();
  await state.close();
  process.exit(0);
};
process.once('message', stop);
process.once('disconnect', stop);
