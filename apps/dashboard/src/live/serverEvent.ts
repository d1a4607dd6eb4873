// Reads one message of /ws/dashboard; anything malformed is ignored rather than trusted.
import type { ServerEvent } from '@mcp-studio/protocol';

export function parseServerEvent(raw: unknown): ServerEvent | null {
  if (typeof raw !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object' || !('type' in value) || typeof value.type !== 'string') return null;
  const topic = 'topic' in value && typeof value.topic === 'string' ? value.topic : undefined;
  const timestamp = 'timestamp' in value && typeof value.timestamp === 'string' ? value.timestamp : '';
  const data = 'data' in value ? value.data : null;
  return { type: value.type as ServerEvent['type'], topic, timestamp, data };
}
