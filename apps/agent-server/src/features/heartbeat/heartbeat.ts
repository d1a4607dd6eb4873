// Registers the node with its studio (once) and reports its figures every HEARTBEAT_INTERVAL_MS, backing off
// with jitter while the studio is away. Never throws into the node: a studio problem is logged, never fatal.
import { setTimeout as sleep } from 'node:timers/promises';
import type { NodeFigures } from '@mcp-studio/protocol';
import type { FastifyBaseLogger } from 'fastify';
import { sha256 } from '../../platform/crypto/keyFiles.js';
import type { RegistrationStore, StudioRegistration } from './registration.js';
import { type StudioClient, StudioRefusal } from './studioClient.js';

const BACKOFF_CAP_MS = 60_000;

export interface HeartbeatDeps {
  client: StudioClient;
  registrations: RegistrationStore;
  studioUrl: string;
  registrationToken: string;
  /** What the node tells the studio about itself at registration. */
  identity: { name: string; url: string; masterToken: string; version: string };
  intervalMs: number;
  figures: () => Promise<NodeFigures>;
  log: FastifyBaseLogger;
}

/** Equal jitter: half the exponential step, plus a random share of the other half, capped. */
export function backoffDelay(failures: number, baseMs: number, capMs = BACKOFF_CAP_MS): number {
  const step = Math.min(capMs, baseMs * 2 ** Math.min(failures - 1, 30));
  return Math.round(step / 2 + Math.random() * (step / 2));
}

export class Heartbeat {
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;
  private registration: StudioRegistration | undefined;
  private failures = 0;
  /** Beats delivered since start, for tests and logs. */
  beats = 0;

  constructor(private readonly deps: HeartbeatDeps) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** Stops beating; an exchange in flight is aborted. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { log } = this.deps;
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      try {
        const registration = await this.registered(signal);
        await this.deps.client.beat(
          registration.id,
          registration.nodeToken,
          { ...(await this.deps.figures()), intervalMs: this.deps.intervalMs },
          signal,
        );
        if (this.failures > 0) log.info({ failures: this.failures }, 'the studio answers heartbeats again');
        this.failures = 0;
        this.beats += 1;
        await sleep(this.deps.intervalMs, undefined, { signal });
      } catch (err) {
        if (signal.aborted) return;
        if (err instanceof StudioRefusal && !this.registration) {
          // The registration token was refused (unknown, used, expired): only a new token can fix that.
          log.error(
            { status: err.status, code: err.code },
            `the studio refused to register this node: ${err.message}. Start it with a new REGISTRATION_TOKEN.`,
          );
          return;
        }
        this.failures += 1;
        const delayMs = backoffDelay(this.failures, Math.min(1000, this.deps.intervalMs));
        // The first failure, then every tenth: a studio down for an hour must not flood the log.
        if (this.failures === 1 || this.failures % 10 === 0) {
          const reason = err instanceof Error ? err.message : String(err);
          const hint =
            err instanceof StudioRefusal && (err.status === 401 || err.status === 404)
              ? '; the studio no longer knows this node (deleted?): start it with a new REGISTRATION_TOKEN'
              : '';
          log.warn({ failures: this.failures, retryInMs: delayMs }, `heartbeat failed: ${reason}${hint}`);
        }
        await sleep(delayMs, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  /** The stored registration, or a new one made with the registration token (saved before it is used). */
  private async registered(signal: AbortSignal): Promise<StudioRegistration> {
    if (this.registration) return this.registration;
    const { registrations, studioUrl, registrationToken, identity, intervalMs, client, log } = this.deps;
    const tokenHash = sha256(registrationToken);
    const stored = registrations.load(studioUrl, tokenHash);
    if (stored) {
      this.registration = stored;
      return stored;
    }
    const created = await client.register({ registrationToken, ...identity, intervalMs }, signal);
    await registrations.save(studioUrl, tokenHash, created);
    log.info({ agentServerId: created.id }, 'registered with the studio');
    this.registration = created;
    return created;
  }
}
