import { describe, expect, it } from 'vitest';
import { base64Size, classifyContentPart, classifyResource, fileNameOf, safeMimeType, textOf } from './contentParts';

// "MCP" in base64, and a one-pixel-ish payload: what matters is how each part is recognised and encoded.
const PNG = 'iVBORw0KGgo=';

describe('result parts', () => {
  it('recognises text, images, audio, embedded resources and resource links', () => {
    expect(classifyContentPart({ type: 'text', text: 'hello' })).toEqual({ kind: 'text', text: 'hello' });
    expect(classifyContentPart({ type: 'image', data: PNG, mimeType: 'image/png' })).toEqual({
      kind: 'image',
      mimeType: 'image/png',
      src: `data:image/png;base64,${PNG}`,
      size: 8,
    });
    expect(classifyContentPart({ type: 'audio', data: 'TUNQ', mimeType: 'audio/wav' })).toMatchObject({
      kind: 'audio',
      src: 'data:audio/wav;base64,TUNQ',
      size: 3,
    });
    expect(
      classifyContentPart({ type: 'resource', resource: { uri: 'demo://a', mimeType: 'text/plain', text: 'body' } }),
    ).toEqual({ kind: 'resource', resource: { kind: 'text', uri: 'demo://a', mimeType: 'text/plain', text: 'body' } });
    expect(
      classifyContentPart({ type: 'resource_link', uri: 'demo://b', name: 'b', title: 'Bee', description: 'd' }),
    ).toEqual({ kind: 'resource_link', uri: 'demo://b', name: 'Bee', description: 'd', mimeType: null });
  });

  it('keeps anything unrecognised or malformed as JSON rather than guessing', () => {
    for (const part of [
      { type: 'video', data: 'x' },
      { type: 'text', text: 42 },
      { type: 'image', data: PNG, mimeType: 'text/html' },
      { type: 'resource', resource: { uri: 'demo://c' } },
      'plain string',
      null,
    ]) {
      expect(classifyContentPart(part)).toEqual({ kind: 'json', value: part });
    }
  });

  it('never lets a declared media type inject into a data URL', () => {
    expect(safeMimeType('image/png')).toBe('image/png');
    expect(safeMimeType('IMAGE/PNG')).toBe('image/png');
    expect(safeMimeType('image/png;base64,AAAA"><script>')).toBe('application/octet-stream');
    expect(safeMimeType(undefined)).toBe('application/octet-stream');
  });

  it('joins the text of text parts and text resources for copying', () => {
    const parts = [
      { type: 'text', text: 'one' },
      { type: 'image', data: PNG, mimeType: 'image/png' },
      { type: 'resource', resource: { uri: 'demo://a', text: 'two' } },
    ].map(classifyContentPart);
    expect(textOf(parts)).toBe('one\n\ntwo');
  });
});

describe('resource contents', () => {
  it('shows image and audio blobs, and offers other blobs as a download with their size and name', () => {
    expect(classifyResource({ uri: 'demo://logo', mimeType: 'image/png', blob: PNG })).toMatchObject({
      kind: 'image',
      src: `data:image/png;base64,${PNG}`,
    });
    expect(
      classifyResource({
        uri: 'demo://resource/dynamic/blob/2',
        mimeType: 'application/octet-stream',
        blob: 'AAAAAA==',
      }),
    ).toEqual({
      kind: 'binary',
      uri: 'demo://resource/dynamic/blob/2',
      mimeType: 'application/octet-stream',
      href: 'data:application/octet-stream;base64,AAAAAA==',
      size: 4,
      fileName: '2',
    });
    expect(classifyResource({ uri: 'demo://x' })).toBeNull();
  });

  it('computes decoded sizes from base64 without decoding', () => {
    expect(base64Size('')).toBe(0);
    expect(base64Size('TQ==')).toBe(1);
    expect(base64Size('TUM=')).toBe(2);
    expect(base64Size('TUNQ\nTUNQ')).toBe(6);
  });

  it('derives a safe download name from the URI', () => {
    expect(fileNameOf('file:///tmp/report final.pdf?x=1')).toBe('report_final.pdf');
    expect(fileNameOf('demo://')).toBe('resource');
    expect(fileNameOf('demo://logo.png')).toBe('logo.png');
    expect(fileNameOf('../../etc/passwd')).toBe('passwd');
  });
});
