// What the parts of an MCP result are, so each is shown for what it is: text, image, audio, resource, link, or JSON.

/** The contents of a resource as `resources/read` returns them, or as embedded in a tool result. */
export type ResourceView =
  | { kind: 'text'; uri: string; mimeType: string | null; text: string }
  | { kind: 'image' | 'audio'; uri: string; mimeType: string; src: string; size: number }
  | { kind: 'binary'; uri: string; mimeType: string; href: string; size: number; fileName: string };

export type ContentPartView =
  | { kind: 'text'; text: string }
  | { kind: 'image' | 'audio'; mimeType: string; src: string; size: number }
  | { kind: 'resource'; resource: ResourceView }
  | { kind: 'resource_link'; uri: string; name: string; description: string | null; mimeType: string | null }
  | { kind: 'json'; value: unknown };

const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;

/** A media type fit for a `data:` URL; anything else is treated as opaque bytes. */
export function safeMimeType(value: unknown): string {
  return typeof value === 'string' && MIME_TYPE.test(value) ? value.toLowerCase() : 'application/octet-stream';
}

/** Decoded size of base64 text, without decoding it. */
export function base64Size(data: string): number {
  const clean = data.replace(/\s/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - padding);
}

function dataUrl(mimeType: string, base64: string): string {
  return `data:${mimeType};base64,${base64.replace(/\s/g, '')}`;
}

/** The last path segment of a URI (or its host when the path is empty), for a download's file name. */
export function fileNameOf(uri: string): string {
  const [, authority = '', path = ''] = /^(?:[a-z][a-z0-9+.-]*:)?(?:\/\/([^/?#]*))?([^?#]*)/i.exec(uri) ?? [];
  const last = path.split('/').filter(Boolean).pop() || authority;
  const name = last.replace(/[^\w.-]+/g, '_').replace(/^[._]+/, '');
  return name || 'resource';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** One entry of a resource's `contents`, or null when it is neither text nor blob. */
export function classifyResource(value: unknown): ResourceView | null {
  if (!isRecord(value)) return null;
  const uri = str(value.uri) ?? '';
  if (typeof value.text === 'string') return { kind: 'text', uri, mimeType: str(value.mimeType), text: value.text };
  if (typeof value.blob !== 'string') return null;
  const mimeType = safeMimeType(value.mimeType);
  const size = base64Size(value.blob);
  if (mimeType.startsWith('image/') || mimeType.startsWith('audio/')) {
    const kind = mimeType.startsWith('image/') ? 'image' : 'audio';
    return { kind, uri, mimeType, src: dataUrl(mimeType, value.blob), size };
  }
  return { kind: 'binary', uri, mimeType, href: dataUrl(mimeType, value.blob), size, fileName: fileNameOf(uri) };
}

/** One part of a tool result's `content` or a prompt message's `content`; anything unrecognised stays JSON. */
export function classifyContentPart(part: unknown): ContentPartView {
  if (!isRecord(part)) return { kind: 'json', value: part };
  switch (part.type) {
    case 'text':
      if (typeof part.text === 'string') return { kind: 'text', text: part.text };
      break;
    case 'image':
    case 'audio':
      if (typeof part.data === 'string') {
        const mimeType = safeMimeType(part.mimeType);
        // A declared image that is not one is still shown as bytes rather than trusted as markup.
        if (mimeType.startsWith(`${part.type}/`)) {
          return { kind: part.type, mimeType, src: dataUrl(mimeType, part.data), size: base64Size(part.data) };
        }
      }
      break;
    case 'resource': {
      const resource = classifyResource(part.resource);
      if (resource) return { kind: 'resource', resource };
      break;
    }
    case 'resource_link':
      if (typeof part.uri === 'string') {
        return {
          kind: 'resource_link',
          uri: part.uri,
          name: str(part.title) ?? str(part.name) ?? part.uri,
          description: str(part.description),
          mimeType: str(part.mimeType),
        };
      }
      break;
  }
  return { kind: 'json', value: part };
}

/** The text of a result's text parts, for a "copy" of what the tool said. */
export function textOf(parts: ContentPartView[]): string {
  return parts
    .flatMap((p) =>
      p.kind === 'text' ? [p.text] : p.kind === 'resource' && p.resource.kind === 'text' ? [p.resource.text] : [],
    )
    .join('\n\n');
}
