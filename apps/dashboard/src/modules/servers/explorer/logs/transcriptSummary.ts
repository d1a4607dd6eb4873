// A one-line reading of a JSON-RPC message from the transcript: request, notification, response or error, and its id.

export type MessageSummary =
  | { kind: 'request'; method: string; id: string }
  | { kind: 'notification'; method: string }
  | { kind: 'response'; id: string }
  | { kind: 'error'; id: string; message: string }
  | { kind: 'unknown' };

const idText = (id: unknown): string => (typeof id === 'string' || typeof id === 'number' ? String(id) : '?');

/** A cut message is the start of its JSON text: the method and id are usually still there. */
function summarizeCut(text: string): MessageSummary {
  const method = /"method"\s*:\s*"([^"\\]{1,200})"/.exec(text)?.[1];
  const id = /"id"\s*:\s*("?)([^",}\s]{1,100})\1/.exec(text)?.[2];
  if (method) return id === undefined ? { kind: 'notification', method } : { kind: 'request', method, id };
  if (id !== undefined) return /"error"\s*:/.test(text) ? { kind: 'error', id, message: '' } : { kind: 'response', id };
  return { kind: 'unknown' };
}

export function summarizeMessage(message: unknown): MessageSummary {
  if (typeof message === 'string') return summarizeCut(message);
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return { kind: 'unknown' };
  const m = message as Record<string, unknown>;
  if (typeof m.method === 'string') {
    return 'id' in m
      ? { kind: 'request', method: m.method, id: idText(m.id) }
      : { kind: 'notification', method: m.method };
  }
  if ('error' in m) {
    const error = m.error as { message?: unknown } | null;
    return { kind: 'error', id: idText(m.id), message: typeof error?.message === 'string' ? error.message : '' };
  }
  if ('result' in m) return { kind: 'response', id: idText(m.id) };
  return { kind: 'unknown' };
}

/** The text a filter box matches against: method, id and kind. */
export function summaryText(summary: MessageSummary): string {
  switch (summary.kind) {
    case 'request':
      return `${summary.method} #${summary.id}`;
    case 'notification':
      return summary.method;
    case 'response':
      return `#${summary.id}`;
    case 'error':
      return `#${summary.id} ${summary.message}`;
    case 'unknown':
      return '';
  }
}
