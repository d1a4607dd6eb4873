import { describe, expect, it, vi } from 'vitest';
import { checkUrl, type Lookup, parseProtocols, type UrlPolicy, type UrlVerdict } from './urlPolicy.js';

const httpsOnly: UrlPolicy = { allowedProtocols: ['https'], allowPrivateNetworks: false };
const httpAndHttps: UrlPolicy = { allowedProtocols: ['https', 'http'], allowPrivateNetworks: false };
const privateAllowed: UrlPolicy = { allowedProtocols: ['https', 'http'], allowPrivateNetworks: true };

const HINT = 'set EXTERNAL_MCP_ALLOW_PRIVATE_NETWORKS=true to allow it';

// The tests never touch the network: names resolve from this table, anything else is NXDOMAIN.
const zone: Record<string, string[]> = {
  'public.test': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
  'rebind.test': ['127.0.0.1'],
  localhost: ['::1', '127.0.0.1'],
  'mixed.test': ['93.184.216.34', '10.1.2.3'],
  'v6-mixed.test': ['2606:2800:220:1:248:1893:25c8:1946', 'fd12::1'],
  'metadata.test': ['169.254.169.254'],
  'empty.test': [],
};

function records(addresses: string[]): { address: string; family: number }[] {
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
}

function fakeDns() {
  return vi.fn<Lookup>(async (host) => {
    const addresses = zone[host];
    if (addresses === undefined) {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    }
    return records(addresses);
  });
}

type Refusal = Extract<UrlVerdict, { ok: false }>;
type Acceptance = Extract<UrlVerdict, { ok: true }>;

async function refusal(raw: string, policy: UrlPolicy, lookup: Lookup = fakeDns()): Promise<Refusal> {
  const verdict = await checkUrl(raw, policy, lookup);
  if (verdict.ok) throw new Error(`expected ${raw} to be refused, got ${verdict.addresses.join(', ')}`);
  return verdict;
}

async function acceptance(raw: string, policy: UrlPolicy, lookup: Lookup = fakeDns()): Promise<Acceptance> {
  const verdict = await checkUrl(raw, policy, lookup);
  if (!verdict.ok) throw new Error(`expected ${raw} to be allowed, got ${verdict.rule}: ${verdict.message}`);
  return verdict;
}

describe('private networks, refused by default', () => {
  it('explains the refusal in words fit for a 400 answer', async () => {
    expect(await refusal('http://10.0.0.1/mcp', httpAndHttps)).toEqual({
      ok: false,
      rule: 'private_network',
      message: `"http://10.0.0.1/mcp" resolves to 10.0.0.1, a private network address (RFC 1918); ${HINT}`,
    });
  });

  it.each([
    // url                                  named in the message                        because it is
    ['http://127.0.0.1/mcp', '127.0.0.1', 'a loopback address (127.0.0.0/8)'],
    ['http://127.8.9.10/mcp', '127.8.9.10', 'a loopback address (127.0.0.0/8)'],
    ['http://0x7f.1/mcp', '127.0.0.1', 'a loopback address (127.0.0.0/8)'],
    ['http://2130706433/mcp', '127.0.0.1', 'a loopback address (127.0.0.0/8)'],
    ['http://[::1]/mcp', '::1', 'a loopback address (::1)'],
    ['http://0.0.0.0/mcp', '0.0.0.0', 'an unspecified address (0.0.0.0/8)'],
    ['http://[::]/mcp', '::', 'an unspecified address (::)'],
    ['http://10.0.0.1/mcp', '10.0.0.1', 'a private network address (RFC 1918)'],
    ['http://172.16.5.4/mcp', '172.16.5.4', 'a private network address (RFC 1918)'],
    ['http://192.168.1.1/mcp', '192.168.1.1', 'a private network address (RFC 1918)'],
    ['http://169.254.1.1/mcp', '169.254.1.1', 'a link-local address (169.254.0.0/16)'],
    ['http://[fe80::1]/mcp', 'fe80::1', 'a link-local address (fe80::/10)'],
    ['http://100.64.0.1/mcp', '100.64.0.1', 'a carrier-grade NAT address (100.64.0.0/10)'],
    ['http://[fd12::1]/mcp', 'fd12::1', 'a unique-local address (fc00::/7)'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254', 'a cloud metadata address (AWS, GCP, Azure'],
    ['http://[fd00:ec2::254]/latest', 'fd00:ec2::254', 'a cloud metadata address (AWS over IPv6)'],
    ['http://100.100.100.200/latest', '100.100.100.200', 'a cloud metadata address (Alibaba Cloud)'],
    ['http://192.0.0.192/opc/v1', '192.0.0.192', 'a cloud metadata address (Oracle Cloud)'],
    ['http://[::ffff:127.0.0.1]/mcp', '::ffff:7f00:1 (IPv4-mapped 127.0.0.1)', 'a loopback address'],
    ['http://[::ffff:10.0.0.1]/mcp', '::ffff:a00:1 (IPv4-mapped 10.0.0.1)', 'a private network address (RFC 1918)'],
    ['http://[::ffff:169.254.169.254]/', '::ffff:a9fe:a9fe (IPv4-mapped 169.254.169.254)', 'a cloud metadata address'],
    ['http://[64:ff9b::10.0.0.1]/mcp', '64:ff9b::a00:1', 'NAT64 for 10.0.0.1, a private network address'],
    ['http://[::127.0.0.1]/mcp', '::7f00:1', 'a deprecated IPv4-compatible address (::/96)'],
    ['http://[2002:a00:1::]/mcp', '2002:a00:1::', 'a special-purpose address (6to4)'],
    ['http://224.0.0.1/mcp', '224.0.0.1', 'a multicast address (224.0.0.0/4)'],
    ['http://[ff02::1]/mcp', 'ff02::1', 'a multicast address (ff00::/8)'],
    ['http://255.255.255.255/mcp', '255.255.255.255', 'the broadcast address'],
    ['http://240.0.0.1/mcp', '240.0.0.1', 'a reserved address'],
  ])('refuses %s, naming %s', async (url, shown, reason) => {
    const lookup = fakeDns();
    const verdict = await refusal(url, httpAndHttps, lookup);
    expect(verdict.rule).toBe('private_network');
    expect(verdict.message).toContain(`resolves to ${shown}, ${reason}`);
    expect(verdict.message).toContain(HINT);
    expect(lookup).not.toHaveBeenCalled();
  });

  it.each([
    // url                            named in the message   because it is
    ['https://rebind.test/mcp', '127.0.0.1', 'a loopback address (127.0.0.0/8)'],
    ['https://localhost/mcp', '::1 (among ::1, 127.0.0.1)', 'a loopback address (::1)'],
    ['https://metadata.test/mcp', '169.254.169.254', 'a cloud metadata address'],
    ['https://mixed.test/mcp', '10.1.2.3 (among 93.184.216.34, 10.1.2.3)', 'a private network address (RFC 1918)'],
    ['https://v6-mixed.test/mcp', 'fd12::1 (among 2606:2800:220:1:248:1893:25c8:1946, fd12::1)', 'a unique-local'],
  ])('refuses %s when any address it resolves to is private: %s', async (url, shown, reason) => {
    const lookup = fakeDns();
    const verdict = await refusal(url, httpsOnly, lookup);
    expect(verdict.rule).toBe('private_network');
    expect(verdict.message).toContain(`"${url}" resolves to ${shown}, ${reason}`);
    expect(lookup).toHaveBeenCalledExactlyOnceWith(new URL(url).hostname);
  });

  it('checks again at connect time, so a name rebound to loopback after saving is refused', async () => {
    const lookup = vi
      .fn<Lookup>()
      .mockResolvedValueOnce(records(['93.184.216.34']))
      .mockResolvedValueOnce(records(['127.0.0.1']));
    const atSave = await acceptance('https://flip.test/mcp', httpsOnly, lookup);
    expect(atSave.addresses).toEqual(['93.184.216.34']);
    const atConnect = await refusal('https://flip.test/mcp', httpsOnly, lookup);
    expect(atConnect.message).toBe(
      `"https://flip.test/mcp" resolves to 127.0.0.1, a loopback address (127.0.0.0/8); ${HINT}`,
    );
  });
});

describe('public addresses', () => {
  it.each([
    ['https://93.184.216.34/mcp', '93.184.216.34'],
    ['https://93.184.216.34:8443/mcp', '93.184.216.34'],
    ['https://[2606:4700:4700::1111]/mcp', '2606:4700:4700::1111'],
    ['https://[::ffff:93.184.216.34]/mcp', '::ffff:5db8:d822'],
    ['https://[64:ff9b::93.184.216.34]/mcp', '64:ff9b::5db8:d822'],
  ])('allows the literal %s without a DNS lookup', async (url, address) => {
    const lookup = fakeDns();
    const verdict = await acceptance(url, httpsOnly, lookup);
    expect(verdict.addresses).toEqual([address]);
    expect(verdict.url.protocol).toBe('https:');
    expect(lookup).not.toHaveBeenCalled();
  });

  it('allows a name only when every address passes, and returns them all to connect to', async () => {
    const lookup = fakeDns();
    const verdict = await acceptance('https://public.test/mcp?x=1', httpsOnly, lookup);
    expect(verdict.url.href).toBe('https://public.test/mcp?x=1');
    expect(verdict.addresses).toEqual(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946']);
    expect(lookup).toHaveBeenCalledExactlyOnceWith('public.test');
  });
});

describe('EXTERNAL_MCP_ALLOW_PRIVATE_NETWORKS=true', () => {
  it.each([
    ['http://127.0.0.1:8080/mcp', ['127.0.0.1']],
    ['http://10.0.0.1/mcp', ['10.0.0.1']],
    ['http://[::1]/mcp', ['::1']],
    ['http://[::ffff:127.0.0.1]/mcp', ['::ffff:7f00:1']],
    ['http://169.254.169.254/latest', ['169.254.169.254']],
    ['https://rebind.test/mcp', ['127.0.0.1']],
    ['https://mixed.test/mcp', ['93.184.216.34', '10.1.2.3']],
  ])('allows %s', async (url, addresses) => {
    expect((await acceptance(url, privateAllowed)).addresses).toEqual(addresses);
  });

  it('still refuses a name that does not resolve', async () => {
    expect((await refusal('https://nowhere.test/mcp', privateAllowed)).rule).toBe('dns');
  });
});

describe('protocols', () => {
  it.each([
    // EXTERNAL_MCP_ALLOWED_PROTOCOLS   url                    verdict
    ['https', 'https://public.test/mcp', 'allowed'],
    ['https', 'http://public.test/mcp', 'protocol'],
    ['https', 'HTTP://public.test/mcp', 'protocol'],
    ['https,http', 'http://public.test/mcp', 'allowed'],
    ['https,http', 'https://public.test/mcp', 'allowed'],
    ['https,http', 'ws://public.test/mcp', 'protocol'],
    ['https,http', 'ftp://public.test/mcp', 'protocol'],
    ['https,http', 'file:///etc/passwd', 'protocol'],
    ['https,http', 'javascript:alert(1)', 'protocol'],
  ])('with EXTERNAL_MCP_ALLOWED_PROTOCOLS=%s, %s is %s', async (protocols, url, expected) => {
    const lookup = fakeDns();
    const policy: UrlPolicy = { allowedProtocols: parseProtocols(protocols), allowPrivateNetworks: false };
    const verdict = await checkUrl(url, policy, lookup);
    expect(verdict.ok ? 'allowed' : verdict.rule).toBe(expected);
    if (expected === 'protocol') expect(lookup).not.toHaveBeenCalled();
  });

  it('names the scheme and the allowed list', async () => {
    expect((await refusal('http://public.test/mcp', httpsOnly)).message).toBe(
      '"http://public.test/mcp" uses http, but EXTERNAL_MCP_ALLOWED_PROTOCOLS allows only https',
    );
  });
});

describe('malformed and unsafe URLs', () => {
  it.each(['https://user:hunter2@public.test/mcp', 'https://user@public.test/mcp', 'https://:hunter2@public.test/mcp'])(
    'refuses credentials in %s without repeating them',
    async (url) => {
      const lookup = fakeDns();
      expect(await refusal(url, httpsOnly, lookup)).toEqual({
        ok: false,
        rule: 'credentials_in_url',
        message:
          '"https://public.test/mcp" carries a user name or password in the URL; set them in the server\'s authentication instead',
      });
      expect(lookup).not.toHaveBeenCalled();
    },
  );

  it.each([
    '',
    'not a url',
    'public.test/mcp',
    'https://',
    'http://:80/mcp',
    'https://[::1/mcp',
    'https://exa mple.test/mcp',
    'https://[fe80::1%25eth0]/mcp',
  ])('refuses %j as not a URL', async (raw) => {
    const lookup = fakeDns();
    expect(await refusal(raw, httpAndHttps, lookup)).toEqual({
      ok: false,
      rule: 'invalid_url',
      message: `${JSON.stringify(raw)} is not a valid URL`,
    });
    expect(lookup).not.toHaveBeenCalled();
  });

  it('names the host when it does not resolve', async () => {
    expect(await refusal('https://nowhere.test/mcp', httpsOnly)).toEqual({
      ok: false,
      rule: 'dns',
      message: '"https://nowhere.test/mcp": the host nowhere.test could not be resolved (ENOTFOUND)',
    });
  });

  it('refuses a name that resolves to no address', async () => {
    expect(await refusal('https://empty.test/mcp', httpsOnly)).toEqual({
      ok: false,
      rule: 'dns',
      message: '"https://empty.test/mcp": the host empty.test resolves to no address',
    });
  });
});

describe('parseProtocols', () => {
  it.each([
    ['https', ['https']],
    ['https,http', ['https', 'http']],
    ['https, http', ['https', 'http']],
    [' HTTP , https: ,http,', ['http', 'https']],
  ])('reads %j as %j', (value, expected) => {
    expect(parseProtocols(value)).toEqual(expected);
  });

  it.each([
    ['', /at least one of https, http/],
    [' , ', /at least one of https, http/],
    ['ftp', /Unsupported protocol ftp/],
    ['https,ws,file', /Unsupported protocol ws, file/],
  ])('refuses %j', (value, message) => {
    expect(() => parseProtocols(value)).toThrow(message);
  });
});
