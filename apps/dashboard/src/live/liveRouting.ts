// Which topics to subscribe to and which queries each server event makes stale.
import type { EventType } from '@mcp-studio/protocol';
import type { QueryKey } from '@tanstack/react-query';
import { queryKeys } from '../api/queryKeys';
import type { DashboardModule, ModuleLiveUpdates } from '../modules/moduleTypes';

/** What the shell itself listens to, whatever modules are present. */
const shellLiveUpdates: ModuleLiveUpdates = {
  topics: ['system'],
  invalidates: {
    organization_updated: [queryKeys.me],
    member_updated: [queryKeys.me],
  },
};

export interface LiveRouting {
  topics: string[];
  keysForEvent(type: string): QueryKey[];
  keysForTopic(topic: string): QueryKey[];
}

export function buildLiveRouting(modules: DashboardModule[]): LiveRouting {
  const sources = [shellLiveUpdates, ...modules.flatMap((m) => (m.live ? [m.live] : []))];
  const byEvent = new Map<string, QueryKey[]>();
  const byTopic = new Map<string, QueryKey[]>();
  for (const source of sources) {
    const keys = Object.entries(source.invalidates).flatMap(([type, list]) => {
      byEvent.set(type, [...(byEvent.get(type) ?? []), ...(list ?? [])]);
      return list ?? [];
    });
    for (const topic of source.topics) byTopic.set(topic, [...(byTopic.get(topic) ?? []), ...keys]);
  }
  return {
    topics: [...new Set(sources.flatMap((s) => s.topics))].sort(),
    keysForEvent: (type: EventType | string) => byEvent.get(type) ?? [],
    keysForTopic: (topic) => byTopic.get(topic) ?? [],
  };
}
