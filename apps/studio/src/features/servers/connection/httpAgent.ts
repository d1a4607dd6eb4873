// The undici Agent an HTTP target may need: its client certificate (mTLS), and the addresses its URL check approved.
import type { LookupAddress } from 'node:dns';
import net, { type LookupFunction } from 'node:net';
import { Agent } from 'undici';

/** PEM client certificate and key, and the authority the server's certificate must chain to (instead of the public ones). */
export interface ClientTls {
  cert: string;
  key: string;
  ca?: string;
}

export interface AgentSettings {
  url: string;
  tls?: ClientTls;
  /** Connect only to these; the name is never resolved again, so it cannot be rebound after the URL check. */
  addresses?: readonly string[];
}

/** An Agent for settings that need one, or undefined: a target without either uses the default fetch. */
export function agentFor(settings: AgentSettings): Agent | undefined {
  const { tls, addresses } = settings;
  if (!tls && !addresses?.length) return undefined;
  const hostname = new URL(settings.url).hostname;
  return new Agent({
    connect: {
      ...(tls ? { cert: tls.cert, key: tls.key, ...(tls.ca ? { ca: tls.ca } : {}) } : {}),
      // TLS still verifies (and SNI still names) the host name: only the address lookup is replaced.
      ...(addresses?.length ? { lookup: pinnedLookup(hostname, addresses) } : {}),
    },
  });
}

/**
 * A resolver that answers `hostname` with the approved addresses and refuses any other name (a redirect elsewhere
 * would otherwise reach an address nobody checked).
 */
export function pinnedLookup(hostname: string, addresses: readonly string[]): LookupFunction {
  const expected = hostname.toLowerCase();
  const records: LookupAddress[] = addresses.map((address) => ({ address, family: net.isIP(address) }));
  return (name, options, callback) => {
    const family = options.family === 4 || options.family === 6 ? options.family : undefined;
    const usable = name.toLowerCase() === expected ? records.filter((r) => !family || r.family === family) : [];
    const first = usable[0];
    if (!first) {
      const error: NodeJS.ErrnoException = new Error(
        `getaddrinfo ENOTFOUND ${name}: not an address the URL check approved`,
      );
      error.code = 'ENOTFOUND';
      callback(error, '', 0);
      return;
    }
    if (options.all) callback(null, usable);
    else callback(null, first.address, first.family);
  };
}
