// Organization-scoped events for live dashboards. In-process now; a Redis variant can replace it.
import { EventEmitter } from 'node:events';
import type { EventType } from '@mcp-studio/protocol';

/** What a listener must be allowed to see to receive the event (checked with the listener's abilities). */
export interface EventAccess {
  action: string;
  subject: string;
  /** The fields CASL conditions are checked against. */
  object?: Record<string, unknown>;
}

export interface StudioEvent {
  topic: string;
  type: EventType;
  orgId: string | null;
  data: unknown;
  access?: EventAccess;
  timestamp: string;
}

export type EventInput = Omit<StudioEvent, 'timestamp'>;

export interface EventBus {
  publish(event: EventInput): void;
  subscribe(listener: (event: StudioEvent) => void): () => void;
  close(): Promise<void>;
}

export class InProcessEventBus implements EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(event: EventInput): void {
    this.emitter.emit('event', { ...event, timestamp: new Date().toISOString() });
  }

  subscribe(listener: (event: StudioEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
