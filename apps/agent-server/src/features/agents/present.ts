// The only place an agent row becomes JSON: no token hash, no API key, only whether one is stored.
import type { Agent } from '@mcp-studio/protocol';
import type { AgentRecord } from '../../platform/state/records.js';

export function presentAgent(row: AgentRecord): Agent {
  return {
    id: row.id,
    name: row.name,
    engine: row.engine,
    model: row.model,
    capabilities: row.capabilities,
    status: row.status,
    unixUser: row.unixUser,
    home: row.home,
    hasApiKey: row.apiKeyEnvelope !== null,
    createdAt: row.createdAt,
    lastActiveAt: row.lastActiveAt,
  };
}
