import { describe, expect, it } from 'vitest';
import { joinPath, parentOf, targetDirectory } from './pathNames';

describe('paths in the home', () => {
  it('finds the parent, the home being ""', () => {
    expect(parentOf('src/main.ts')).toBe('src');
    expect(parentOf('README.md')).toBe('');
  });

  it('joins a typed name without doubling separators', () => {
    expect(joinPath('', 'notes.md')).toBe('notes.md');
    expect(joinPath('src', '/lib/')).toBe('src/lib');
  });

  it('puts a new entry inside a selected directory, beside a selected file', () => {
    expect(targetDirectory({ path: 'src', type: 'directory' })).toBe('src');
    expect(targetDirectory({ path: 'src/a.ts', type: 'file' })).toBe('src');
    expect(targetDirectory(null)).toBe('');
  });
});
