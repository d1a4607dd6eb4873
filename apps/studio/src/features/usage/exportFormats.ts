// Usage events as a download: CSV with a header row, or one JSON array, produced row by row as they are read.
import { Readable } from 'node:stream';
import type { UsageEvent } from '@mcp-studio/protocol';
import { stringify } from 'csv-stringify';

export const EXPORT_COLUMNS = [
  'id',
  'at',
  'requestId',
  'orgId',
  'userId',
  'tokenId',
  'workspaceId',
  'serverId',
  'method',
  'tool',
  'status',
  'errorCode',
  'latencyMs',
  'bytesIn',
  'bytesOut',
  'tokensIn',
  'tokensOut',
] as const satisfies readonly (keyof UsageEvent)[];

export function csvStream(events: AsyncIterable<UsageEvent>): Readable {
  // Cells starting with = + - @ are quoted by a leading apostrophe so a spreadsheet never runs them as formulas.
  const csv = stringify({
    header: true,
    columns: [...EXPORT_COLUMNS],
    cast: { string: (value) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value) },
  });
  return Readable.from(events).pipe(csv);
}

export function jsonArrayStream(events: AsyncIterable<UsageEvent>): Readable {
  return Readable.from(
    (async function* () {
      let first = true;
      yield '[';
      for await (const event of events) {
        yield `${first ? '' : ','}\n${JSON.stringify(event)}`;
        first = false;
      }
      yield '\n]\n';
    })(),
  );
}
