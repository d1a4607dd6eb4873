// Checks module declarations: drops duplicates and modules whose dependencies are missing.
import type { DashboardModule } from './moduleTypes';

type Warn = (message: string) => void;

/**
 * Returns the modules that can be registered, in declaration order. A module is dropped when an id
 * repeats or a dependency is absent, and so, in turn, is every module depending on a dropped one.
 */
export function resolveModules(declared: DashboardModule[], warn: Warn = console.warn): DashboardModule[] {
  const byId = new Map<string, DashboardModule>();
  for (const module of declared) {
    if (byId.has(module.id)) {
      warn(`[modules] "${module.id}" is declared twice; keeping the first declaration.`);
      continue;
    }
    byId.set(module.id, module);
  }

  let hasDropped = true;
  while (hasDropped) {
    hasDropped = false;
    for (const module of byId.values()) {
      const missing = module.dependsOn.filter((dep) => !byId.has(dep));
      if (missing.length > 0) {
        warn(
          `[modules] "${module.id}" is not registered: missing dependency ${missing.map((m) => `"${m}"`).join(', ')}.`,
        );
        byId.delete(module.id);
        hasDropped = true;
      }
    }
  }
  return [...byId.values()];
}
