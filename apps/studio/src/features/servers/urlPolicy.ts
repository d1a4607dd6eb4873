// Decides whether the studio may connect to a remote MCP server URL: scheme, credentials, and every resolved address.
import { lookup as dnsLookup } from 'node:dns/promises';
import net from 'node:net';
import ipaddr from 'ipaddr.js';

export const REMOTE_PROTOCOLS = ['https', 'http'] as const;
export type RemoteProtocol = (typeof REMOTE_PROTOCOLS)[number];

export interface UrlPolicy {
  /** `EXTERNAL_MCP_ALLOWED_PROTOCOLS` */
  allowedProtocols: readonly RemoteProtocol[];
  /** `EXTERNAL_MCP_ALLOW_PRIVATE_NETWORKS` */
  allowPrivateNetworks: boolean;
}

export type Lookup = (host: string) => Promise<{ address: string; family: number }[]>;

export type UrlRule = 'invalid_url' | 'protocol' | 'credentials_in_url' | 'private_network' | 'dns';

export type UrlVerdict = { ok: true; url: URL; addresses: string[] } | { ok: false; rule: UrlRule; message: string };

type Address = ipaddr.IPv4 | ipaddr.IPv6;

const PRIVATE_HINT = 'set EXTERNAL_MCP_ALLOW_PRIVATE_NETWORKS=true to allow it';

// Named before the ranges they fall in, so the message says what the request would really have reached.
const CLOUD_METADATA = new Map<string, string>(
  (
    [
      ['169.254.169.254', 'AWS, GCP, Azure and others'],
      ['169.254.170.2', 'AWS ECS task metadata'],
      ['fd00:ec2::254', 'AWS over IPv6'],
      ['100.100.100.200', 'Alibaba Cloud'],
      ['192.0.0.192', 'Oracle Cloud'],
    ] as const
  ).map(([address, cloud]) => [ipaddr.parse(address).toNormalizedString(), cloud]),
);

const IPV4_RANGES: Record<string, string> = {
  loopback: 'a loopback address (127.0.0.0/8)',
  unspecified: 'an unspecified address (0.0.0.0/8)',
  private: 'a private network address (RFC 1918)',
  linkLocal: 'a link-local address (169.254.0.0/16)',
  carrierGradeNat: 'a carrier-grade NAT address (100.64.0.0/10)',
  multicast: 'a multicast address (224.0.0.0/4)',
  broadcast: 'the broadcast address',
  reserved: 'a reserved address',
};

const IPV6_RANGES: Record<string, string> = {
  loopback: 'a loopback address (::1)',
  unspecified: 'an unspecified address (::)',
  linkLocal: 'a link-local address (fe80::/10)',
  uniqueLocal: 'a unique-local address (fc00::/7)',
  multicast: 'a multicast address (ff00::/8)',
};

// DNS64 resolvers answer with these for IPv4-only hosts on IPv6-only networks, so judge the IPv4 address inside.
const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR('64:ff9b::/96');
// Deprecated, and some stacks still route them to the embedded IPv4 address; ipaddr.js calls them unicast.
const IPV4_COMPATIBLE = ipaddr.IPv6.parseCIDR('::/96');

/** `'https, http'` → `['https', 'http']`; throws on an empty list or a protocol the studio cannot connect with. */
export function parseProtocols(value: string): RemoteProtocol[] {
  const names = [
    ...new Set(
      value
        .split(',')
        .map((name) => name.trim().toLowerCase().replace(/:$/, ''))
        .filter(Boolean),
    ),
  ];
  if (names.length === 0) throw new Error(`Name at least one of ${REMOTE_PROTOCOLS.join(', ')}`);
  const unsupported = names.filter((name) => !isRemoteProtocol(name));
  if (unsupported.length > 0) {
    throw new Error(`Unsupported protocol ${unsupported.join(', ')}: use ${REMOTE_PROTOCOLS.join(', ')} or both`);
  }
  return names.filter(isRemoteProtocol);
}

function isRemoteProtocol(name: string): name is RemoteProtocol {
  return (REMOTE_PROTOCOLS as readonly string[]).includes(name);
}

export const systemLookup: Lookup = (host) => dnsLookup(host, { all: true, verbatim: true });

/**
 * Call it when a URL is saved and again right before every connect (a name may resolve elsewhere by then), and
 * connect to exactly the `addresses` it returns.
 */
export async function checkUrl(raw: string, policy: UrlPolicy, lookup: Lookup = systemLookup): Promise<UrlVerdict> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('invalid_url', `${quote(raw)} is not a valid URL`);
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (!policy.allowedProtocols.some((allowed) => allowed === scheme)) {
    return refuse(
      'protocol',
      `${quote(url.href)} uses ${scheme}, but EXTERNAL_MCP_ALLOWED_PROTOCOLS allows only ${policy.allowedProtocols.join(', ')}`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    const bare = new URL(url.href);
    bare.username = '';
    bare.password = '';
    return refuse(
      'credentials_in_url',
      `${quote(bare.href)} carries a user name or password in the URL; set them in the server's authentication instead`,
    );
  }
  // URL keeps the brackets around an IPv6 literal.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') return refuse('invalid_url', `${quote(url.href)} has no host`);

  let addresses: string[];
  if (net.isIP(host) !== 0) {
    addresses = [host];
  } else {
    try {
      addresses = [...new Set((await lookup(host)).map((record) => record.address))];
    } catch (error) {
      return refuse('dns', `${quote(url.href)}: the host ${host} could not be resolved${errorCode(error)}`);
    }
    if (addresses.length === 0) return refuse('dns', `${quote(url.href)}: the host ${host} resolves to no address`);
    const unusable = addresses.find((address) => !ipaddr.isValid(address));
    if (unusable !== undefined) {
      return refuse('dns', `${quote(url.href)}: the host ${host} resolves to ${quote(unusable)}, not an IP address`);
    }
  }

  if (!policy.allowPrivateNetworks) {
    for (const address of addresses) {
      const reason = refusalReason(ipaddr.process(address));
      if (reason === undefined) continue;
      const among = addresses.length > 1 ? ` (among ${addresses.join(', ')})` : '';
      return refuse(
        'private_network',
        `${quote(url.href)} resolves to ${address}${mappedNote(address)}${among}, ${reason}; ${PRIVATE_HINT}`,
      );
    }
  }
  return { ok: true, url, addresses };
}

/** Why the address is not on the public internet, or undefined when it is. */
function refusalReason(ip: Address): string | undefined {
  const cloud = CLOUD_METADATA.get(ip.toNormalizedString());
  if (cloud !== undefined) return `a cloud metadata address (${cloud})`;
  const range = ip.range();
  if (ip instanceof ipaddr.IPv4) {
    return range === 'unicast' ? undefined : (IPV4_RANGES[range] ?? `a special-purpose address (${range})`);
  }
  if (ip.match(NAT64_WELL_KNOWN)) {
    const embedded = ipaddr.fromByteArray(ip.toByteArray().slice(12));
    const reason = refusalReason(embedded);
    return reason === undefined ? undefined : `NAT64 for ${embedded.toString()}, ${reason}`;
  }
  if (range === 'unicast') {
    return ip.match(IPV4_COMPATIBLE) ? 'a deprecated IPv4-compatible address (::/96)' : undefined;
  }
  return IPV6_RANGES[range] ?? `a special-purpose address (${range})`;
}

function mappedNote(address: string): string {
  const parsed = ipaddr.parse(address);
  return parsed instanceof ipaddr.IPv6 && parsed.isIPv4MappedAddress()
    ? ` (IPv4-mapped ${parsed.toIPv4Address().toString()})`
    : '';
}

function errorCode(error: unknown): string {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return ` (${error.code})`;
  return '';
}

// JSON quoting keeps control characters and quotes in user input from garbling the message.
function quote(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}

function refuse(rule: UrlRule, message: string): UrlVerdict {
  return { ok: false, rule, message };
}
