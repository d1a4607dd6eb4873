// The dashboard's modules, in sidebar order. Add a module here and nowhere else (see README.md).
import type { Role } from '@mcp-studio/protocol';
import { hasRole } from '../auth/roles';
import { credentialsModule } from './credentials/module';
import type { DashboardModule } from './moduleTypes';
import { resolveModules } from './resolveModules';
import { settingsModule } from './settings/module';

export const modules: DashboardModule[] = resolveModules([credentialsModule, settingsModule]);

/** The registered modules a role may use, with only the navigation entries it may follow. */
export function modulesForRole(role: Role): DashboardModule[] {
  return modules
    .filter((module) => hasRole(role, module.requiredRole))
    .map((module) => ({ ...module, nav: module.nav.filter((item) => hasRole(role, item.requiredRole ?? 'USER')) }))
    .filter((module) => module.nav.length > 0);
}
