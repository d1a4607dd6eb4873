// "Test connection" for a saved or an unsaved registration: connect with its secrets, negotiate, ping, list.
import type { ConnectionTestResult, CreateServerBody, McpServer } from '@mcp-studio/protocol';
import type { Principal } from '../../platform/auth/principal.js';
import type { CredentialService } from '../credentials/service.js';
import type { ProcessLimits } from './connection/processLimits.js';
import { type TestConnectionOptions, testConnection } from './connection/testConnection.js';
import type { ServerTarget } from './connection/transports.js';
import { columnsOf, slotsOf } from './registration.js';
import { type ConnectableServer, connectionTarget, type UrlCheck, type UseSecret } from './target.js';

export interface ConnectionTesterDeps {
  credentials: CredentialService;
  checkUrl: UrlCheck;
  /** PATH and HOME for local server processes, which inherit nothing else of the studio's environment. */
  baseEnv: Record<string, string>;
  /** Limits on every local server process, from the configuration. */
  processLimits?: ProcessLimits;
  /** Runs the MCP handshake; tests and benchmarks can observe it. */
  test?: (target: ServerTarget, options: TestConnectionOptions) => Promise<ConnectionTestResult>;
}

export class ConnectionTester {
  constructor(private readonly deps: ConnectionTesterDeps) {}

  /** Tests a saved server; the vault records each secret it reads as used by the server. */
  testSaved(server: McpServer, orgId: string): Promise<ConnectionTestResult> {
    const use: UseSecret = (id) => this.deps.credentials.useValue(orgId, id, { type: 'server', id: server.id });
    return this.run(server, use, server.timeoutMs);
  }

  /**
   * Tests a registration before it is saved. Secrets given as values are used as they are and stored nowhere;
   * referenced credentials are read as a use by the person testing.
   */
  testUnsaved(principal: Principal, body: CreateServerBody): Promise<ConnectionTestResult> {
    const inline = new Map<string, string>();
    const ids = new Map<string, string>();
    for (const slot of slotsOf(body)) {
      const id = typeof slot.input === 'string' ? `inline:${slot.key}` : slot.input.credentialId;
      if (typeof slot.input === 'string') inline.set(id, slot.input);
      ids.set(slot.key, id);
    }
    const use: UseSecret = async (id) =>
      inline.get(id) ??
      (await this.deps.credentials.useValue(principal.orgId, id, { type: 'user', id: principal.userId }));
    const server = columnsOf(body, ids) as ConnectableServer & { timeoutMs: number };
    return this.run(server, use, server.timeoutMs);
  }

  private async run(server: ConnectableServer, use: UseSecret, timeoutMs: number): Promise<ConnectionTestResult> {
    const target = await connectionTarget(server, use, this.deps.checkUrl);
    const test = this.deps.test ?? testConnection;
    return test(target, { timeoutMs, baseEnv: this.deps.baseEnv, processLimits: this.deps.processLimits });
  }
}
