// Messages of the dashboard WebSocket /ws/dashboard, both directions.
import { z } from 'zod';

/** WebSocket close code: the credential was refused, or the session ended while connected. */
export const WS_CLOSE_UNAUTHORIZED = 4401;

export const TOPICS = ['system', 'credentials', 'members', 'agents', 'tasks', 'projects', 'servers'] as const;
export const topicSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9_-]*$/);

export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auth'), token: z.string().min(1).max(4096) }),
  z.object({ type: z.literal('subscribe'), topics: z.array(topicSchema).min(1).max(32) }),
  z.object({ type: z.literal('unsubscribe'), topics: z.array(topicSchema).min(1).max(32) }),
  z.object({ type: z.literal('ping') }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** Event types sent on topics. Later capabilities add theirs here. */
export const EVENT_TYPES = [
  'credential_created',
  'credential_updated',
  'credential_deleted',
  'member_added',
  'member_updated',
  'member_removed',
  'organization_updated',
  'server_created',
  'server_updated',
  'server_deleted',
  'server_status_changed',
  'server_catalog_changed',
  'virtual_server_created',
  'virtual_server_updated',
  'virtual_server_deleted',
  'agent_server_created',
  'agent_server_updated',
  'agent_server_deleted',
  'agent_server_status_changed',
  'system_stats',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const CONTROL_MESSAGE_TYPES = [
  'initial_state',
  'subscribed',
  'unsubscribed',
  'error',
  'pong',
  'authenticated',
] as const;

/** Every message the server sends: control messages and events. `data` is checked by whoever reads its type. */
export const serverMessageSchema = z.object({
  type: z.enum([...CONTROL_MESSAGE_TYPES, ...EVENT_TYPES]),
  topic: z.string().optional(),
  timestamp: z.string(),
  data: z.unknown(),
});

export interface ServerEvent<T = unknown> {
  type: EventType | (typeof CONTROL_MESSAGE_TYPES)[number];
  topic?: string;
  timestamp: string;
  data: T;
}
