import { UriTemplate } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { namespacedResourceUri, namespacedUriTemplate, parseNamespacedUri } from './resourceUris.js';

describe('namespaced resource URIs', () => {
  it('reads a listed resource URI back to its server and upstream URI, even with reserved characters', () => {
    const upstream = 'demo://resource/static/document/a%20b.md?x=1#frag';
    const uri = namespacedResourceUri('everything', upstream);
    expect(uri).toBe(`mcp-studio://everything/${encodeURIComponent(upstream)}`);
    expect(parseNamespacedUri(uri)).toEqual({ serverSlug: 'everything', uri: upstream });
  });

  it('keeps a template expandable and reads the expanded URI back verbatim', () => {
    const template = namespacedUriTemplate('everything', 'demo://resource/dynamic/text/{resourceId}');
    expect(template).toBe('mcp-studio://everything/demo://resource/dynamic/text/{resourceId}');
    const expanded = new UriTemplate(template).expand({ resourceId: '7' });
    expect(parseNamespacedUri(expanded)).toEqual({
      serverSlug: 'everything',
      uri: 'demo://resource/dynamic/text/7',
    });
  });

  it('rejects URIs that are not namespaced or name nothing', () => {
    for (const uri of [
      'demo://x',
      'mcp-studio://',
      'mcp-studio://everything',
      'mcp-studio://everything/',
      'mcp-studio:///x',
      'mcp-studio://s/%E0%A4%A',
    ]) {
      expect(parseNamespacedUri(uri)).toBeUndefined();
    }
  });
});
