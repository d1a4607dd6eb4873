// Calls in flight on this replica, so a stateless 2025-era `notifications/cancelled` (a new POST) can stop one.
export class InflightCalls {
  private readonly calls = new Map<string, AbortController>();

  /**
   * Registers a call under its caller and JSON-RPC id; the returned signal aborts on cancellation. JSON-RPC ids
   * are only unique per client, so the key includes the API token; a cancel from another token never matches.
   */
  start(callerId: string, requestId: string | number): { signal: AbortSignal; end: () => void } {
    const key = keyOf(callerId, requestId);
    const controller = new AbortController();
    this.calls.set(key, controller);
    return {
      signal: controller.signal,
      end: () => {
        if (this.calls.get(key) === controller) this.calls.delete(key);
      },
    };
  }

  cancel(callerId: string, requestId: string | number): void {
    this.calls.get(keyOf(callerId, requestId))?.abort();
  }
}

const keyOf = (callerId: string, requestId: string | number) => `${callerId}\u0000${typeof requestId}:${requestId}`;
