import { describe, expect, it } from 'vitest';
import { expandUriTemplate, templateVariables } from './uriTemplate';

// The examples of RFC 6570, section 1.2 (levels 1 to 3) and 2.4.1 (prefix values).
const values = { var: 'value', hello: 'Hello World!', path: '/foo/bar', empty: '', x: '1024', y: '768' };

describe('URI templates', () => {
  it.each([
    ['{var}', 'value'],
    ['{hello}', 'Hello%20World%21'],
    ['{+var}', 'value'],
    ['{+hello}', 'Hello%20World!'],
    ['{+path}/here', '/foo/bar/here'],
    ['here?ref={+path}', 'here?ref=/foo/bar'],
    ['X{#var}', 'X#value'],
    ['X{#hello}', 'X#Hello%20World!'],
    ['map?{x,y}', 'map?1024,768'],
    ['{x,hello,y}', '1024,Hello%20World%21,768'],
    ['{+x,hello,y}', '1024,Hello%20World!,768'],
    ['{+path,x}/here', '/foo/bar,1024/here'],
    ['{#x,hello,y}', '#1024,Hello%20World!,768'],
    ['{#path,x}/here', '#/foo/bar,1024/here'],
    ['X{.var}', 'X.value'],
    ['X{.x,y}', 'X.1024.768'],
    ['{/var}', '/value'],
    ['{/var,x}/here', '/value/1024/here'],
    ['{;x,y}', ';x=1024;y=768'],
    ['{;x,y,empty}', ';x=1024;y=768;empty'],
    ['{?x,y}', '?x=1024&y=768'],
    ['{?x,y,empty}', '?x=1024&y=768&empty='],
    ['?fixed=yes{&x}', '?fixed=yes&x=1024'],
    ['{&x,y,empty}', '&x=1024&y=768&empty='],
    ['{var:3}', 'val'],
    ['{+path:6}/here', '/foo/b/here'],
  ])('expands %s as the RFC does', (template, expected) => {
    expect(expandUriTemplate(template, values)).toBe(expected);
  });

  it('leaves out variables without a value, and the operator with them when none is left', () => {
    expect(expandUriTemplate('search{?q,lang}', { q: 'mcp' })).toBe('search?q=mcp');
    expect(expandUriTemplate('search{?q,lang}', {})).toBe('search');
  });

  it('percent-encodes non-ASCII text as UTF-8, keeping existing escapes only where reserved characters are allowed', () => {
    expect(expandUriTemplate('file:///{name}', { name: 'café 20%' })).toBe('file:///caf%C3%A9%2020%25');
    expect(expandUriTemplate('{+name}', { name: 'a%20b%zz' })).toBe('a%20b%25zz');
  });

  it('expands the dynamic resource template of server-everything', () => {
    expect(expandUriTemplate('demo://resource/dynamic/text/{resourceId}', { resourceId: '3' })).toBe(
      'demo://resource/dynamic/text/3',
    );
  });

  it('lists each variable once, in order, without operators or modifiers', () => {
    expect(templateVariables('{/a,b}{?c*,a}{#d:3}x{e}')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(templateVariables('no variables')).toEqual([]);
  });
});
