// What happens on the node, for presence subscribers and for features that must react (terminals on a suspend).
import { EventEmitter } from 'node:events';
import type { Agent } from '@mcp-studio/protocol';

export interface NodeEventMap {
  agent_changed: { agent: Agent };
  agent_deleted: { agentId: string };
  terminal_opened: { agentId: string; sessionId: string };
  terminal_closed: { agentId: string; sessionId: string };
}

export type NodeEventName = keyof NodeEventMap;
export type NodeEvent = { [K in NodeEventName]: { type: K } & NodeEventMap[K] }[NodeEventName];

export class NodeEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  emit(event: NodeEvent): void {
    this.emitter.emit('event', event);
  }

  subscribe(listener: (event: NodeEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
