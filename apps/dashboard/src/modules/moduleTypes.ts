// What a dashboard module declares to plug into the shell: routes, navigation, who sees them, live updates.
import type { EventType, Role } from '@mcp-studio/protocol';
import type { QueryKey } from '@tanstack/react-query';
import type { ComponentType, LazyExoticComponent } from 'react';
import type { Permission } from '../auth/ability';
import type { TranslationKey } from '../i18n/resources';

/** A page, loaded only when first visited. */
export interface ModulePageRoute {
  /** Path relative to the app root, without a leading slash; may hold params (`credentials/:id`). */
  path: string;
  component: LazyExoticComponent<ComponentType>;
  /** A stricter minimum than the module's, for this page only. */
  requiredRole?: Role;
  /** A permission of the studio's rules this page needs (prefer it to a role when the server has a rule for it). */
  requires?: Permission;
}

/** A path that sends the visitor elsewhere, e.g. a module's index to its first page. */
export interface ModuleRedirectRoute {
  path: string;
  redirectTo: string;
}

export type ModuleRoute = ModulePageRoute | ModuleRedirectRoute;

export interface ModuleNavItem {
  /** Absolute path, e.g. `/settings/members`. */
  path: string;
  label: TranslationKey;
  /** A stricter minimum than the module's, for this entry only. */
  requiredRole?: Role;
  /** A permission of the studio's rules this entry needs; give it the same as its page's. */
  requires?: Permission;
}

export interface ModuleLiveUpdates {
  /** Topics of /ws/dashboard the module needs; the shell subscribes to the union. */
  topics: string[];
  /** The queries to refetch when an event arrives. */
  invalidates: Partial<Record<EventType, QueryKey[]>>;
}

export interface DashboardModule {
  id: string;
  name: TranslationKey;
  icon: ComponentType<{ className?: string; 'aria-hidden'?: boolean }>;
  routes: ModuleRoute[];
  nav: ModuleNavItem[];
  /** The lowest role that sees the module (ADMIN > MANAGER > OPERATOR > VIEWER > USER). */
  requiredRole: Role;
  /** Ids of modules this one needs; without them it is not registered. */
  dependsOn: string[];
  live?: ModuleLiveUpdates;
  /**
   * A notice the signed-in layout shows above every page to those who may use the module (a quota nearly spent,
   * say); it renders nothing when there is nothing to say.
   */
  notice?: LazyExoticComponent<ComponentType>;
}
