// The two calls a node makes to its studio: register once, then beat. Tells refusals from an absent studio.
import {
  type HeartbeatBody,
  type RegisteredNode,
  type RegisterNodeBody,
  registeredNodeSchema,
} from '@mcp-studio/protocol';

/** The studio answered and said no (4xx): trying the same request again will not help. */
export class StudioRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'StudioRefusal';
  }
}

/** The studio could not be reached, timed out, or failed (5xx, 429): worth another try later. */
export class StudioUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StudioUnavailable';
  }
}

const REQUEST_TIMEOUT_MS = 15_000;

export class StudioClient {
  constructor(private readonly studioUrl: string) {}

  async register(body: RegisterNodeBody, signal: AbortSignal): Promise<RegisteredNode> {
    const answer = await this.post('/api/agent-servers/register', body, undefined, signal);
    const parsed = registeredNodeSchema.safeParse(answer);
    if (!parsed.success) throw new StudioUnavailable('the studio answered the registration with an unexpected body');
    return parsed.data;
  }

  async beat(id: string, nodeToken: string, body: HeartbeatBody, signal: AbortSignal): Promise<void> {
    await this.post(`/api/agent-servers/${encodeURIComponent(id)}/heartbeat`, body, nodeToken, signal);
  }

  private async post(route: string, body: unknown, token: string | undefined, signal: AbortSignal): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.studioUrl.replace(/\/+$/, '')}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
        redirect: 'error',
      });
    } catch (err) {
      if (signal.aborted) throw err;
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      throw new StudioUnavailable(`the studio is unreachable (${cause ?? (err as Error).name})`);
    }
    const text = await response.text().catch(() => '');
    const json = parseJson(text);
    if (response.ok) return json;
    const error = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    const code = typeof error?.code === 'string' ? error.code : `http_${response.status}`;
    const message = typeof error?.message === 'string' ? error.message : `the studio answered ${response.status}`;
    if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
      throw new StudioRefusal(response.status, code, message);
    }
    throw new StudioUnavailable(`the studio answered ${response.status} (${code})`);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
