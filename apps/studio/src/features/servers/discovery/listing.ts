// Reads everything a server offers, every page, through an open MCP client.
import { type Client, ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/client';
import type { Listing } from './catalogPlan.js';

type Definition = Record<string, unknown>;

/** A list the server does not implement (MethodNotFound) is an empty one; other failures fail the refresh. */
async function orNone(list: () => Promise<Definition[]>): Promise<Definition[]> {
  try {
    return await list();
  } catch (error) {
    if (ProtocolError.isInstance(error) && error.code === ProtocolErrorCode.MethodNotFound) return [];
    throw error;
  }
}

/**
 * Lists tools, resources, resource templates and prompts, only for the capabilities the server advertises.
 * Without a cursor the SDK walks every page; `refresh` skips its response cache so the lists are current.
 */
export async function listEverything(client: Client, signal: AbortSignal, timeoutMs: number): Promise<Listing> {
  const capabilities = client.getServerCapabilities() ?? {};
  // The server's own timeout, not the SDK's 60 s default.
  const options = { signal, timeout: timeoutMs, cacheMode: 'refresh' as const };
  const tools = capabilities.tools ? await orNone(async () => (await client.listTools(undefined, options)).tools) : [];
  const resources = capabilities.resources
    ? await orNone(async () => (await client.listResources(undefined, options)).resources)
    : [];
  const resourceTemplates = capabilities.resources
    ? await orNone(async () => (await client.listResourceTemplates(undefined, options)).resourceTemplates)
    : [];
  const prompts = capabilities.prompts
    ? await orNone(async () => (await client.listPrompts(undefined, options)).prompts)
    : [];
  return { tools, resources, resourceTemplates, prompts };
}
