// What a stdio server's manifest imposes on its process: MCP roots, no network settings, resource limits.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerManifest } from '@mcp-studio/protocol';
import type { StdioTarget } from './connection/transports.js';

export type Confinement = Pick<StdioTarget, 'roots' | 'hasNetworkAccess' | 'limits'>;

/** Nothing without a manifest: an unconfined server keeps the environment and limits it was given. */
export function confinementOf(manifest: ServerManifest | null | undefined): Confinement {
  if (!manifest) return {};
  // MCP roots cannot say read-only, so readable and writable directories are offered alike.
  const directories = [...new Set([...(manifest.readablePaths ?? []), ...(manifest.writablePaths ?? [])])];
  const limits = {
    ...(manifest.maxMemoryMb ? { memoryMb: manifest.maxMemoryMb } : {}),
    ...(manifest.maxCpuSeconds ? { cpuSeconds: manifest.maxCpuSeconds } : {}),
    ...(manifest.maxFileSizeBytes ? { fileSizeBytes: manifest.maxFileSizeBytes } : {}),
  };
  return {
    ...(directories.length > 0
      ? { roots: directories.map((dir) => ({ uri: pathToFileURL(dir).href, name: path.basename(dir) || dir })) }
      : {}),
    hasNetworkAccess: manifest.permissions.includes('network_access'),
    ...(Object.keys(limits).length > 0 ? { limits } : {}),
  };
}
