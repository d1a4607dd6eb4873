// What a refresh changes in a server's catalog: which entries to write, which went away, which tools changed.
import { canonicalJson } from './canonicalJson.js';

export type CatalogKind = 'tool' | 'resource' | 'resource_template' | 'prompt';

type Definition = Record<string, unknown>;

/** Everything a server listed, each list in the server's order. */
export interface Listing {
  tools: Definition[];
  resources: Definition[];
  resourceTemplates: Definition[];
  prompts: Definition[];
}

/** A catalog entry as stored (the columns a plan needs). */
export interface StoredEntry {
  kind: string;
  name: string;
  definition: Definition;
  previous: Definition | null;
  changed: boolean;
  changedAt: Date | null;
  firstSeenAt: Date;
}

/** A catalog entry to write. */
export interface PlannedEntry extends StoredEntry {
  kind: CatalogKind;
  position: number;
  lastSeenAt: Date;
}

export interface CatalogPlan {
  entries: PlannedEntry[];
  removed: { kind: string; name: string }[];
  /** Tools whose description or input schema differ from the stored version. */
  changedTools: string[];
  /** Anything added, removed or redefined: worth telling the dashboards. */
  isChanged: boolean;
}

/** The key of each kind of entry: a tool's or prompt's name, a resource's URI, a template's URI template. */
const KEY_FIELD: Record<CatalogKind, string> = {
  tool: 'name',
  resource: 'uri',
  resource_template: 'uriTemplate',
  prompt: 'name',
};

function listed(listing: Listing): { kind: CatalogKind; name: string; definition: Definition }[] {
  const lists: [CatalogKind, Definition[]][] = [
    ['tool', listing.tools],
    ['resource', listing.resources],
    ['resource_template', listing.resourceTemplates],
    ['prompt', listing.prompts],
  ];
  const seen = new Set<string>();
  const result: { kind: CatalogKind; name: string; definition: Definition }[] = [];
  for (const [kind, definitions] of lists) {
    for (const definition of definitions) {
      const name = definition[KEY_FIELD[kind]];
      // A nameless entry cannot be addressed; a repeated one would be written twice in one statement.
      if (typeof name !== 'string' || name === '' || seen.has(`${kind}\0${name}`)) continue;
      seen.add(`${kind}\0${name}`);
      result.push({ kind, name, definition });
    }
  }
  return result;
}

/** What a caller of a tool trusts: its description and the arguments it asks for. */
const toolFingerprint = (definition: Definition) =>
  canonicalJson({ description: definition.description ?? null, inputSchema: definition.inputSchema ?? null });

export function planCatalog(stored: StoredEntry[], listing: Listing, now: Date): CatalogPlan {
  const byKey = new Map(stored.map((entry) => [`${entry.kind}\0${entry.name}`, entry]));
  const positions = new Map<CatalogKind, number>();
  const entries: PlannedEntry[] = [];
  const changedTools: string[] = [];
  let isChanged = false;
  for (const { kind, name, definition } of listed(listing)) {
    const position = positions.get(kind) ?? 0;
    positions.set(kind, position + 1);
    const key = `${kind}\0${name}`;
    const before = byKey.get(key);
    byKey.delete(key);
    if (!before) {
      isChanged = true;
      const fresh = { previous: null, changed: false, changedAt: null, firstSeenAt: now };
      entries.push({ kind, name, position, definition, ...fresh, lastSeenAt: now });
      continue;
    }
    if (canonicalJson(before.definition) !== canonicalJson(definition)) isChanged = true;
    const { previous, changed, changedAt, firstSeenAt } = before;
    const entry: PlannedEntry = {
      kind,
      name,
      position,
      definition,
      previous,
      changed,
      changedAt,
      firstSeenAt,
      lastSeenAt: now,
    };
    if (kind === 'tool' && toolFingerprint(before.definition) !== toolFingerprint(definition)) {
      changedTools.push(name);
      // The trusted version is the one before the first unacknowledged change; going back to it clears the flag.
      const trusted = before.changed && before.previous ? before.previous : before.definition;
      const isTrustedAgain = toolFingerprint(trusted) === toolFingerprint(definition);
      entry.changed = !isTrustedAgain;
      entry.previous = isTrustedAgain ? null : trusted;
      entry.changedAt = isTrustedAgain ? null : now;
    }
    entries.push(entry);
  }
  const removed = [...byKey.values()].map(({ kind, name }) => ({ kind, name }));
  return { entries, removed, changedTools, isChanged: isChanged || removed.length > 0 };
}
