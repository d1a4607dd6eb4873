// Namespaced resource URIs: `mcp-studio://<server-slug>/<upstream uri>`, so clients tell servers apart and reads route back.
export const RESOURCE_SCHEME = 'mcp-studio:';
const PREFIX = `${RESOURCE_SCHEME}//`;

/**
 * A listed resource: the upstream URI percent-encoded as one path segment, so the result is a well-formed URI
 * whatever the upstream one contains.
 */
export function namespacedResourceUri(serverSlug: string, uri: string): string {
  return `${PREFIX}${serverSlug}/${encodeURIComponent(uri)}`;
}

/**
 * A template: the upstream template kept verbatim after the prefix, so its variables still expand in the client
 * and the expanded URI reads back as the upstream server expects it.
 */
export function namespacedUriTemplate(serverSlug: string, uriTemplate: string): string {
  return `${PREFIX}${serverSlug}/${uriTemplate}`;
}

/**
 * (slug, upstream URI) behind a namespaced URI, or undefined when it is not one. The rest after the slug is taken
 * verbatim when it contains `:` (an absolute URI, as a template expands to) and percent-decoded otherwise (an
 * encoded URI never contains `:`), so both forms above read back and the rule is unambiguous.
 */
export function parseNamespacedUri(uri: string): { serverSlug: string; uri: string } | undefined {
  if (!uri.startsWith(PREFIX)) return undefined;
  const rest = uri.slice(PREFIX.length);
  const slash = rest.indexOf('/');
  if (slash <= 0) return undefined;
  const serverSlug = rest.slice(0, slash);
  const upstream = rest.slice(slash + 1);
  if (upstream === '') return undefined;
  if (upstream.includes(':')) return { serverSlug, uri: upstream };
  try {
    return { serverSlug, uri: decodeURIComponent(upstream) };
  } catch {
    // A malformed escape cannot name anything the gateway listed.
    return undefined;
  }
}
