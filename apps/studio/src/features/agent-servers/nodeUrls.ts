// Which node URLs the studio may call: the MCP URL policy's checks with the agent servers' own private-network
// setting, and cloud metadata and link-local addresses always refused. A lookup enforces it on every connection.
import type { LookupAddress } from 'node:dns';
import net, { type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { AppError } from '../../platform/http/errors.js';
import { checkUrl, type Lookup, systemLookup } from '../servers/urlPolicy.js';

// Cloud metadata services answer here (and never host a node); link-local addresses have no business either.
const ALWAYS_REFUSED = ['169.254.169.254', '169.254.170.2', 'fd00:ec2::254', '100.100.100.200', '192.0.0.192'].map(
  (address) => ipaddr.parse(address).toNormalizedString(),
);

function refusalOf(address: string): string | undefined {
  const ip = ipaddr.process(address);
  if (ALWAYS_REFUSED.includes(ip.toNormalizedString())) return `${address} is a cloud metadata address`;
  if (ip.range() === 'linkLocal') return `${address} is a link-local address`;
  return undefined;
}

export class NodeUrls {
  constructor(
    private readonly allowPrivateNetworks: boolean,
    private readonly lookup: Lookup = systemLookup,
  ) {}

  /** Throws 400 `url_not_allowed` with the reason when the studio must not call this node URL. */
  async assertAllowed(url: string): Promise<void> {
    await this.approvedAddresses(url);
  }

  /**
   * A resolver for outgoing connections that applies the same rules to the addresses a name resolves to at connect
   * time, so a name rebound after the check still cannot reach a refused address.
   */
  readonly connectLookup: LookupFunction = (hostname, options, callback) => {
    const host = hostname.replace(/^\[(.*)\]$/, '$1');
    this.approvedAddresses(`http://${net.isIPv6(host) ? `[${host}]` : host}/`)
      .then((addresses) => {
        const records: LookupAddress[] = addresses.map((address) => ({ address, family: net.isIP(address) }));
        const family = options.family === 4 || options.family === 6 ? options.family : undefined;
        const usable = records.filter((r) => !family || r.family === family);
        const first = usable[0];
        if (!first) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
        if (options.all) callback(null, usable);
        else callback(null, first.address, first.family);
      })
      .catch((err: NodeJS.ErrnoException) => callback(err, '', 0));
  };

  private async approvedAddresses(url: string): Promise<string[]> {
    const verdict = await checkUrl(
      url,
      { allowedProtocols: ['http', 'https'], allowPrivateNetworks: this.allowPrivateNetworks },
      this.lookup,
    );
    if (!verdict.ok) {
      const message = verdict.message.replace(
        'EXTERNAL_MCP_ALLOW_PRIVATE_NETWORKS',
        'AGENT_SERVER_ALLOW_PRIVATE_NETWORKS',
      );
      throw new AppError('url_not_allowed', 400, message, { rule: verdict.rule });
    }
    for (const address of verdict.addresses) {
      const reason = refusalOf(address);
      if (reason) throw new AppError('url_not_allowed', 400, `${url}: ${reason}`, { rule: 'private_network' });
    }
    return verdict.addresses;
  }
}
