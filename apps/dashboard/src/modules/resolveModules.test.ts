import { lazy } from 'react';
import { describe, expect, it } from 'vitest';
import type { DashboardModule } from './moduleTypes';
import { resolveModules } from './resolveModules';

const Page = lazy(async () => ({ default: () => null }));

function declare(id: string, dependsOn: string[] = []): DashboardModule {
  return {
    id,
    name: 'settings.name',
    icon: () => null,
    routes: [{ path: id, component: Page }],
    nav: [{ path: `/${id}`, label: 'settings.name' }],
    requiredRole: 'VIEWER',
    dependsOn,
  };
}

describe('resolveModules', () => {
  it('keeps modules whose dependencies are present, in declaration order', () => {
    const warnings: string[] = [];
    const ids = resolveModules([declare('a'), declare('b', ['a'])], (m) => warnings.push(m)).map((m) => m.id);
    expect(ids).toEqual(['a', 'b']);
    expect(warnings).toEqual([]);
  });

  it('drops a module with a missing dependency, and the modules depending on it, with a warning', () => {
    const warnings: string[] = [];
    const ids = resolveModules([declare('a'), declare('b', ['missing']), declare('c', ['b'])], (m) =>
      warnings.push(m),
    ).map((m) => m.id);
    expect(ids).toEqual(['a']);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('"b" is not registered: missing dependency "missing"');
    expect(warnings[1]).toContain('"c" is not registered');
  });

  it('keeps the first of two modules declared with the same id', () => {
    const warnings: string[] = [];
    const first = declare('a');
    expect(resolveModules([first, declare('a')], (m) => warnings.push(m))).toEqual([first]);
    expect(warnings[0]).toContain('declared twice');
  });
});
