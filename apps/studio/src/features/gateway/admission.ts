// Quotas on /mcp answer over HTTP: a metered request is resolved and counted before the SDK serves it, so a client
// over its quota gets the documented 429 rather than a JSON-RPC error inside a 200.
import { METERED_METHODS, type MeteredMethod } from '@mcp-studio/protocol';
import type { Principal } from '../../platform/auth/principal.js';
import type { MeteredCall, Metering } from '../usage/metering.js';
import type { Admission } from '../usage/quotas.js';

/** Where a metered request would go, or undefined when the caller may not make it (it is then refused, uncounted). */
export type ResolveTarget = (
  method: MeteredMethod,
  params: Record<string, unknown>,
) => Promise<{ serverId: string; upstream: string } | undefined>;

/** One HTTP exchange with the gateway: who, which request, and the quota counts already taken for its calls. */
export class Exchange {
  private readonly admissions = new Map<string | number, Admission>();

  constructor(
    readonly principal: Principal,
    readonly requestId: string,
  ) {}

  /**
   * Resolves and counts a single metered JSON-RPC request. Throws QuotaExceededError (a 429) over the limit.
   * Batches and anything else are left to the handler, which counts each call itself.
   */
  async admit(metering: Metering, body: unknown, resolve: ResolveTarget): Promise<void> {
    if (!metering.enabled || !isMeteredRequest(body)) return;
    const params = body.params ?? {};
    const target = await resolve(body.method, params);
    if (!target) return;
    const call: MeteredCall = {
      principal: this.principal,
      method: body.method,
      serverId: target.serverId,
      tool: target.upstream,
      requestId: this.requestId,
      input: params,
    };
    this.admissions.set(body.id, await metering.admit(call));
  }

  /** Records a metered request refused before any server was chosen for it: it shows in usage, never counted. */
  deny(metering: Metering, body: unknown, errorCode: string): void {
    if (!isMeteredRequest(body)) return;
    const params = body.params ?? {};
    const { name, uri } = params;
    const tool = body.method === 'resources/read' ? uri : name;
    metering.denied(
      {
        principal: this.principal,
        method: body.method,
        serverId: null,
        tool: typeof tool === 'string' ? tool : '',
        requestId: this.requestId,
        input: params,
      },
      errorCode,
    );
  }

  /** The count taken for a JSON-RPC request, handed over once to the call that uses it. */
  take(id: string | number): Admission | undefined {
    const admission = this.admissions.get(id);
    this.admissions.delete(id);
    return admission;
  }

  /** Gives back counts no call used (the SDK refused the request before any handler ran). */
  async releaseUnused(): Promise<void> {
    if (this.admissions.size === 0) return;
    const left = [...this.admissions.values()];
    this.admissions.clear();
    await Promise.all(left.map((admission) => admission.release()));
  }
}

interface MeteredRequest {
  id: string | number;
  method: MeteredMethod;
  params?: Record<string, unknown>;
}

function isMeteredRequest(body: unknown): body is MeteredRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const { id, method, params } = body as Record<string, unknown>;
  return (
    (typeof id === 'string' || typeof id === 'number') &&
    (METERED_METHODS as readonly unknown[]).includes(method) &&
    (params === undefined || (typeof params === 'object' && params !== null && !Array.isArray(params)))
  );
}
