// The environment of a stdio server without network access: no proxy, resolver or TLS-trust settings.

// Any variable naming a proxy in any case: HTTP_PROXY, https_proxy, ALL_PROXY, NO_PROXY, npm_config_https_proxy,
// YARN_HTTPS_PROXY, GIT_PROXY_COMMAND…; global-agent's own names; glibc resolver overrides; extra trusted CAs.
const NETWORK_NAME = /proxy|^GLOBAL_AGENT_|^(HOSTALIASES|LOCALDOMAIN|RES_OPTIONS)$/i;
const TLS_TRUST_NAMES = new Set([
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'REQUESTS_CA_BUNDLE',
  'CURL_CA_BUNDLE',
]);

/** Whether a variable configures how the process reaches the network. */
export function isNetworkVariable(name: string): boolean {
  return NETWORK_NAME.test(name) || TLS_TRUST_NAMES.has(name.toUpperCase());
}

/**
 * `env` without the variables that tell a process how to reach the network. This withholds configuration only: it
 * is not a sandbox, and a process that opens sockets itself still can.
 */
export function withoutNetworkEnv(env: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !isNetworkVariable(name)));
}
