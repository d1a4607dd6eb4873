// Readable words for a server reply the SDK rejected as not matching the MCP schema (its message is a JSON dump).
import { ProtocolError, SdkError, SdkErrorCode } from '@modelcontextprotocol/client';

const MAX_ISSUES = 3;
const MAX_TEXT = 300;

/** `{method, issues}` of an SDK "Invalid result" error, e.g. `tools/list` and `tools: expected array…`. */
export function describeInvalidReply(error: unknown): { method: string; issues: string } | undefined {
  if (!SdkError.isInstance(error) || error.code !== SdkErrorCode.InvalidResult) return undefined;
  const match = /^Invalid result for ([^:\s]+): ([\s\S]*)$/.exec(error.message);
  if (!match) return { method: 'a request', issues: cut(error.message) };
  const [, method = 'a request', dump = ''] = match;
  return { method, issues: summarize(dump) };
}

const OUTPUT_MISMATCH = "Structured content does not match the tool's output schema: ";
const NO_STRUCTURED_CONTENT = /^Tool .* has an output schema but did not return structured content$/s;

/**
 * What is wrong with a tool's answer that the SDK client held to the tool's output schema, which it reports as a
 * ProtocolError as if the server had sent one; undefined for any other error.
 */
export function describeOutputMismatch(error: unknown): string | undefined {
  if (!(error instanceof ProtocolError)) return undefined;
  if (error.message.startsWith(OUTPUT_MISMATCH)) return cut(error.message.slice(OUTPUT_MISMATCH.length));
  return NO_STRUCTURED_CONTENT.test(error.message) ? 'it has no structured content' : undefined;
}

/** The SDK puts zod's issues there as JSON: `[{path, message}, …]`; anything else is cut to one line. */
function summarize(dump: string): string {
  try {
    const issues: unknown = JSON.parse(dump);
    if (Array.isArray(issues) && issues.length > 0) {
      const parts = issues.slice(0, MAX_ISSUES).map((issue: unknown) => {
        const path: unknown = typeof issue === 'object' && issue ? Reflect.get(issue, 'path') : undefined;
        const message: unknown = typeof issue === 'object' && issue ? Reflect.get(issue, 'message') : undefined;
        const where = Array.isArray(path) && path.length > 0 ? path.join('.') : 'the result';
        return `${where}: ${typeof message === 'string' ? message : 'invalid'}`;
      });
      const more = issues.length > MAX_ISSUES ? ` (and ${issues.length - MAX_ISSUES} more)` : '';
      return cut(parts.join('; ') + more);
    }
  } catch {
    // not JSON: fall through
  }
  return cut(dump);
}

function cut(text: string): string {
  const line = (text.split('\n')[0] ?? '').trim();
  return line.length > MAX_TEXT ? `${line.slice(0, MAX_TEXT)}…` : line;
}
