// The selection rules of a virtual server: explicit tools first under their aliases, then include minus exclude.
import { describe, expect, it } from 'vitest';
import { globToRegExp, VirtualScope } from './scope.js';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const tool = (serverId: string, serverSlug: string, name: string) => ({ serverId, serverSlug, tool: name });
const exposed = new Map([
  ['alpha__echo', tool(A, 'alpha', 'echo')],
  ['alpha__get-sum', tool(A, 'alpha', 'get-sum')],
  ['alpha__get-env', tool(A, 'alpha', 'get-env')],
  ['beta__get-sum', tool(B, 'beta', 'get-sum')],
  ['beta__a.b', tool(B, 'beta', 'a.b')],
]);

describe('virtual server scope', () => {
  it('matches globs on whole names, with * and ? as the only wildcards', () => {
    expect(globToRegExp('alpha__get-*').test('alpha__get-sum')).toBe(true);
    expect(globToRegExp('alpha__get-*').test('xalpha__get-sum')).toBe(false);
    expect(globToRegExp('beta__a.b').test('beta__aXb')).toBe(false);
    expect(globToRegExp('beta__?.b').test('beta__a.b')).toBe(true);
  });

  it('lists explicit tools under their aliases, then the included names not excluded, each tool once', () => {
    const scope = new VirtualScope('kit', {
      tools: [
        { serverId: A, tool: 'echo', alias: 'say' },
        { serverId: B, tool: 'get-sum' },
        { serverId: B, tool: 'gone' },
      ],
      include: ['*__get-*'],
      exclude: ['alpha__get-env'],
    });
    const selected = scope.select(exposed);
    expect([...selected.keys()]).toEqual(['say', 'beta__get-sum', 'alpha__get-sum']);
    expect(selected.get('say')).toEqual(tool(A, 'alpha', 'echo'));
  });

  it('gives a name to only the first tool that claims it', () => {
    const scope = new VirtualScope('kit', {
      tools: [{ serverId: A, tool: 'echo', alias: 'alpha__get-sum' }],
      include: ['alpha__*'],
      exclude: [],
    });
    const selected = scope.select(exposed);
    expect(selected.get('alpha__get-sum')).toEqual(tool(A, 'alpha', 'echo'));
    expect([...selected.keys()].sort()).toEqual(['alpha__get-env', 'alpha__get-sum']);
  });
});
