// A manifest's permissions as plain statements ("may read files in …"), shown before a server is enabled.
import type { ServerManifest } from '@mcp-studio/protocol';

/** The message keys of `serverWizard.manifest.may`. */
export type ManifestStatementKey =
  | 'readFiles'
  | 'readFilesIn'
  | 'writeFiles'
  | 'writeFilesIn'
  | 'network'
  | 'networkHosts'
  | 'networkPorts'
  | 'runPrograms'
  | 'fileSizeLimit'
  | 'memoryLimit'
  | 'cpuLimit';

export interface ManifestStatement {
  key: ManifestStatementKey;
  values?: Record<string, string | number>;
}

export function formatBytes(bytes: number): string {
  const units: [number, string][] = [
    [1024 ** 3, 'GB'],
    [1024 ** 2, 'MB'],
    [1024, 'KB'],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} B`;
}

const joined = (items: readonly (string | number)[]) => items.join(', ');

/** What the server may do, one statement per permission (and limit); none when it declares no permission. */
export function manifestStatements(manifest: ServerManifest): ManifestStatement[] {
  const statements: ManifestStatement[] = [];
  const has = (permission: ServerManifest['permissions'][number]) => manifest.permissions.includes(permission);
  const readable = manifest.readablePaths ?? [];
  const writable = manifest.writablePaths ?? [];
  if (has('file_system_read')) {
    statements.push(
      readable.length > 0 ? { key: 'readFilesIn', values: { paths: joined(readable) } } : { key: 'readFiles' },
    );
  }
  if (has('file_system_write')) {
    statements.push(
      writable.length > 0 ? { key: 'writeFilesIn', values: { paths: joined(writable) } } : { key: 'writeFiles' },
    );
  }
  if (has('network_access')) {
    const hosts = manifest.allowedHosts ?? [];
    const ports = manifest.allowedPorts ?? [];
    statements.push(hosts.length > 0 ? { key: 'networkHosts', values: { hosts: joined(hosts) } } : { key: 'network' });
    if (ports.length > 0) statements.push({ key: 'networkPorts', values: { ports: joined(ports) } });
  }
  if (has('tool_execute')) statements.push({ key: 'runPrograms' });
  if (manifest.maxFileSizeBytes !== undefined && (has('file_system_read') || has('file_system_write'))) {
    statements.push({ key: 'fileSizeLimit', values: { size: formatBytes(manifest.maxFileSizeBytes) } });
  }
  if (manifest.maxMemoryMb !== undefined) {
    statements.push({ key: 'memoryLimit', values: { size: formatBytes(manifest.maxMemoryMb * 1024 * 1024) } });
  }
  if (manifest.maxCpuSeconds !== undefined) {
    statements.push({ key: 'cpuLimit', values: { seconds: manifest.maxCpuSeconds } });
  }
  return statements;
}

/** Key order and absent lists aside, whether two manifests declare the same (a change must be accepted anew). */
export function isSameManifest(a: ServerManifest | null, b: ServerManifest | null): boolean {
  const normal = (m: ServerManifest | null) =>
    m === null
      ? null
      : JSON.stringify(
          Object.entries(m)
            .filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0))
            .sort(([x], [y]) => x.localeCompare(y)),
        );
  return normal(a) === normal(b);
}
