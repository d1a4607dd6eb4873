import { describe, expect, it } from 'vitest';
import { exposedToolNames, MAX_TOOL_NAME_LENGTH, type UpstreamTool } from './toolNames.js';

const tool = (serverSlug: string, name: string, serverId = `id-${serverSlug}`): UpstreamTool => ({
  serverId,
  serverSlug,
  tool: name,
});

describe('exposed tool names', () => {
  it('keeps <slug>__<tool> when it fits in 64 characters', () => {
    const names = exposedToolNames([tool('everything', 'echo'), tool('filesystem', 'read_text_file')]);
    expect([...names.keys()].sort()).toEqual(['everything__echo', 'filesystem__read_text_file']);
    expect(names.get('everything__echo')).toEqual(tool('everything', 'echo'));
  });

  it('gives a longer name a stable alias of at most 64 characters that starts like the full name', () => {
    const long = tool('a-server-with-a-rather-long-slug', 'and_a_tool_whose_name_is_long_enough_to_overflow');
    const [first] = [...exposedToolNames([long]).keys()];
    const [again] = [...exposedToolNames([tool('other', 'x'), long]).keys()].filter((name) => name !== 'other__x');
    expect(first).toHaveLength(MAX_TOOL_NAME_LENGTH);
    expect(first).toMatch(/^a-server-with-a-rather-long-slug__and_a_tool_whose_name_[0-9a-f]{8}$/);
    expect(again).toBe(first);
  });

  it('gives two long names that share their first 55 characters different aliases', () => {
    const prefix = 'x'.repeat(60);
    const names = [...exposedToolNames([tool('s', `${prefix}_one`), tool('s', `${prefix}_two`)]).keys()];
    expect(new Set(names).size).toBe(2);
    expect(names.every((name) => name.length <= MAX_TOOL_NAME_LENGTH)).toBe(true);
  });

  it('resolves a collision the same way whatever the listing order', () => {
    // `a__b` + `c` and `a` + `b__c` both spell `a__b__c`.
    const one = tool('a__b', 'c', 'server-1');
    const other = tool('a', 'b__c', 'server-2');
    const forward = exposedToolNames([one, other]);
    const backward = exposedToolNames([other, one]);
    expect([...forward.entries()].sort()).toEqual([...backward.entries()].sort());
    expect(forward.get('a__b__c')).toEqual(other);
    const aliased = [...forward.entries()].find(([, value]) => value === one)?.[0];
    expect(aliased).toMatch(/^a__b__c_[0-9a-f]{8}$/);
  });
});
