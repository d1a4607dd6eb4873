// Who may read /metrics: the holder of METRICS_TOKEN when one is set, otherwise callers on this machine only.
import { createHash, timingSafeEqual } from 'node:crypto';
import ipaddr from 'ipaddr.js';

/** Compares digests, so neither the length nor any prefix of the token shows in the time taken. */
export function isMetricsToken(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * The socket's address, never X-Forwarded-For, which any caller can write. A request a proxy forwarded is refused
 * even from loopback: a reverse proxy on the same host would otherwise make every outside caller look local.
 */
export function isLocalCaller(remoteAddress: string | undefined, headers: Record<string, unknown>): boolean {
  if (headers['x-forwarded-for'] !== undefined || headers.forwarded !== undefined) return false;
  if (!remoteAddress || !ipaddr.isValid(remoteAddress)) return false;
  return ipaddr.process(remoteAddress).range() === 'loopback';
}
