// Every metered call (tools/call, resources/read, prompts/get) is counted against its user's quota before it is
// forwarded and leaves one usage event behind, whatever its outcome.
import { randomUUID } from 'node:crypto';
import type { MeteredMethod, UsageStatus } from '@mcp-studio/protocol';
import type { Principal } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/http/errors.js';
import type { UsageEventBuffer, UsageRow } from './eventBuffer.js';
import { type Admission, QuotaExceededError, type QuotaService } from './quotas.js';

export interface MeteredCall {
  principal: Principal;
  method: MeteredMethod;
  /** Null when the call was refused before a server was found for it. */
  serverId: string | null;
  /** The tool or prompt name, or the resource URI, as the server knows it. */
  tool: string;
  /** The HTTP request's id, as in error bodies and logs. */
  requestId: string;
  /** What goes to the server: tool or prompt arguments, or the URI. */
  input: unknown;
  workspaceId?: string;
}

export interface MeteringDeps {
  buffer: UsageEventBuffer;
  quotas: QuotaService;
  clock: Clock;
  /** Off: nothing is counted or recorded (benchmarks, deployments that do not meter). */
  enabled: boolean;
  /** Sees every recorded event (metrics). */
  onEvent?: (event: UsageRow) => void;
}

const UNLIMITED: Admission = { release: async () => {} };

/** Tokens are estimated as one per four bytes of the JSON exchanged, the usual ratio of BPE tokenizers. */
export const estimateTokens = (bytes: number) => Math.ceil(bytes / 4);

export class Metering {
  constructor(private readonly deps: MeteringDeps) {}

  get enabled(): boolean {
    return this.deps.enabled;
  }

  /**
   * Counts the call against its user's quota now, before anything is forwarded. Over the limit it records a
   * `quota` event and throws QuotaExceededError; nothing is counted.
   */
  async admit(call: MeteredCall): Promise<Admission> {
    if (!this.deps.enabled) return UNLIMITED;
    try {
      return await this.deps.quotas.admit(call.principal);
    } catch (err) {
      if (err instanceof QuotaExceededError) this.record(call, 'quota', 0, undefined, err.code);
      throw err;
    }
  }

  /**
   * Runs a call that may reach its server. `work` calls `reached()` once the request goes to the server; a call
   * that fails before that is given back to the quota. Pass the admission when the caller already took it.
   */
  async track<T>(call: MeteredCall, work: (reached: () => void) => Promise<T>, admission?: Admission): Promise<T> {
    if (!this.deps.enabled) return work(() => {});
    const taken = admission ?? (await this.admit(call));
    const started = performance.now();
    let reached = false;
    try {
      const result = await work(() => {
        reached = true;
      });
      const isError = (result as { isError?: unknown } | undefined)?.isError === true;
      this.record(
        call,
        isError ? 'error' : 'ok',
        performance.now() - started,
        result,
        isError ? 'tool_error' : undefined,
      );
      return result;
    } catch (err) {
      const code = err instanceof AppError ? err.code : 'internal_error';
      this.record(call, code === 'timeout' ? 'timeout' : 'error', performance.now() - started, undefined, code);
      if (!reached) await taken.release();
      throw err;
    }
  }

  /** Writes every event recorded so far (tests, shutdown). */
  async flush(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    await this.deps.buffer.flush();
  }

  /** A call refused for lack of permission (or to a name the caller may not see): recorded, never counted. */
  denied(call: MeteredCall, errorCode: string): void {
    if (this.deps.enabled) this.record(call, 'denied', 0, undefined, errorCode);
  }

  private record(call: MeteredCall, status: UsageStatus, latency: number, output: unknown, errorCode?: string): void {
    const at = this.deps.clock.now();
    // Sizes are measured after the answer has gone out: serializing a large result is not the caller's wait.
    setImmediate(() => {
      const bytesIn = byteLength(call.input);
      const bytesOut = output === undefined ? 0 : byteLength(output);
      const row: UsageRow = {
        id: randomUUID(),
        requestId: call.requestId,
        orgId: call.principal.orgId,
        userId: call.principal.userId,
        tokenId: call.principal.tokenId ?? null,
        workspaceId: call.workspaceId ?? null,
        serverId: call.serverId,
        method: call.method,
        tool: call.tool,
        status,
        errorCode: errorCode ?? null,
        latencyMs: Math.round(latency),
        bytesIn,
        bytesOut,
        tokensIn: estimateTokens(bytesIn),
        tokensOut: estimateTokens(bytesOut),
        at,
      };
      this.deps.buffer.add(row);
      this.deps.onEvent?.(row);
    });
  }
}

function byteLength(value: unknown): number {
  if (value === undefined) return 0;
  return Buffer.byteLength(typeof value === 'string' ? value : JSON.stringify(value));
}
