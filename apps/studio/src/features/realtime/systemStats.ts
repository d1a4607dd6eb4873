// Publishes `system_stats` on the `system` topic every few seconds while the studio runs.
import os from 'node:os';
import type { EventBus } from '../../platform/events/bus.js';
import type { App } from '../../platform/http/app.js';

export function systemStatsPublisher(
  app: App,
  deps: { bus: EventBus; connections: () => number; intervalMs?: number },
): void {
  const startedAt = Date.now();
  const timer = setInterval(() => {
    const memory = process.memoryUsage();
    deps.bus.publish({
      topic: 'system',
      type: 'system_stats',
      orgId: null,
      data: {
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        loadAverage: os.loadavg(),
        connections: deps.connections(),
      },
    });
  }, deps.intervalMs ?? 15_000);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
