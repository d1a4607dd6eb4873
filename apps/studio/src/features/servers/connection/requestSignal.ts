// One AbortSignal per HTTP request, following the transport's connection-wide one only while the request lives.
import { setMaxListeners } from 'node:events';

/**
 * The SDK passes one connection-wide AbortSignal to every fetch, and undici keeps a listener on it per request
 * until garbage collection: under load thousands pile up (MaxListenersExceededWarning). A request gets its own
 * signal instead, aborted with the shared one, and `release` drops the link once the request is over.
 */
export function linkedSignal(shared: AbortSignal | null | undefined): { signal?: AbortSignal; release: () => void } {
  if (!shared) return { release: () => {} };
  const controller = new AbortController();
  if (shared.aborted) {
    controller.abort(shared.reason);
    return { signal: controller.signal, release: () => {} };
  }
  // One listener per request in flight, each removed when its request ends: as many as the server's concurrency
  // limit allows is expected, not a leak, so the default warning past 10 would only be noise.
  setMaxListeners(0, shared);
  const forward = () => controller.abort(shared.reason);
  shared.addEventListener('abort', forward, { once: true });
  return { signal: controller.signal, release: () => shared.removeEventListener('abort', forward) };
}
