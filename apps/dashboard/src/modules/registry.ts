// The dashboard's modules, in sidebar order. Add a module here and nowhere else (see README.md).
import type { Role } from '@mcp-studio/protocol';
import type { AppAbility, Permission } from '../auth/ability';
import { hasRole } from '../auth/roles';
import { agentServersModule } from './agent-servers/module';
import { credentialsModule } from './credentials/module';
import type { DashboardModule } from './moduleTypes';
import { resolveModules } from './resolveModules';
import { serversModule } from './servers/module';
import { settingsModule } from './settings/module';
import { usageModule } from './usage/module';

export const modules: DashboardModule[] = resolveModules([
  serversModule,
  agentServersModule,
  credentialsModule,
  usageModule,
  settingsModule,
]);

/** Who is asking: the role (for a module's place in the navigation) and the ability built from the server's rules. */
export interface Viewer {
  role: Role;
  ability: AppAbility;
}

/** Whether the viewer meets a page's or entry's requirements: a minimum role and/or a permission. */
export function mayAccess(viewer: Viewer, requirement: { requiredRole?: Role; requires?: Permission }): boolean {
  const { requiredRole = 'USER', requires } = requirement;
  return hasRole(viewer.role, requiredRole) && (!requires || viewer.ability.can(requires.action, requires.subject));
}

/** The registered modules the viewer may use, with only the navigation entries they may follow. */
export function modulesFor(viewer: Viewer): DashboardModule[] {
  return modules
    .filter((module) => hasRole(viewer.role, module.requiredRole))
    .map((module) => ({ ...module, nav: module.nav.filter((item) => mayAccess(viewer, item)) }))
    .filter((module) => module.nav.length > 0);
}
