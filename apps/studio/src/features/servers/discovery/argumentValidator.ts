// Checks tool-call arguments against the tool's input schema (JSON Schema, compiled once per distinct schema).
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { canonicalJson } from './canonicalJson.js';

export interface ArgumentIssue {
  /** Dotted path of the offending argument, `(root)` for the arguments object itself. */
  path: string;
  message: string;
}

type Dialect = 'draft-07' | '2019-09' | '2020-12';

/** Distinct schemas kept compiled; the oldest is dropped beyond this. */
const MAX_COMPILED = 1000;

/**
 * The dialect named by `$schema`. MCP's default is 2020-12; many servers (zod-to-json-schema) declare draft-07,
 * which Ajv2020 refuses to load as a meta-schema and which differs in `items`/`dependencies`, so it gets its own
 * instance. Drafts 04 and 06 are close enough to 07 to be checked as 07.
 */
function dialectOf(schema: Record<string, unknown>): Dialect {
  const declared = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (/draft-0[467]/.test(declared)) return 'draft-07';
  if (declared.includes('2019-09')) return '2019-09';
  return '2020-12';
}

function pathOf(error: ErrorObject): string {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as { missingProperty?: unknown; additionalProperty?: unknown };
  const child = params.missingProperty ?? params.additionalProperty;
  if (typeof child === 'string') segments.push(child);
  return segments.join('.') || '(root)';
}

export class ArgumentValidator {
  private readonly instances: Record<Dialect, Ajv>;
  /** Compiled validators by dialect and canonical schema; null for a schema Ajv could not compile. */
  private readonly compiled = new Map<string, ValidateFunction | null>();
  /** The same by schema object: a schema served from memory again is checked without being serialised. */
  private readonly bySchema = new WeakMap<object, ValidateFunction | null>();

  /** `onUncompilable` hears once about each schema Ajv refuses, with the context of the call that met it. */
  constructor(private readonly onUncompilable: (details: { reason: string } & Record<string, unknown>) => void) {
    const options = { strict: false, allErrors: true, logger: false as const };
    this.instances = {
      'draft-07': new Ajv(options),
      '2019-09': new Ajv2019(options),
      '2020-12': new Ajv2020(options),
    };
    for (const ajv of Object.values(this.instances)) addFormats.default(ajv);
  }

  /** The problems with `args`, [] when they are valid, or null when the schema cannot be checked. */
  check(
    schema: Record<string, unknown>,
    args: Record<string, unknown>,
    context: Record<string, unknown> = {},
  ): ArgumentIssue[] | null {
    const validate = this.validatorFor(schema, context);
    if (!validate) return null;
    if (validate(args)) return [];
    return (validate.errors ?? []).map((error) => ({ path: pathOf(error), message: error.message ?? 'is invalid' }));
  }

  private validatorFor(schema: Record<string, unknown>, context: Record<string, unknown>): ValidateFunction | null {
    const known = this.bySchema.get(schema);
    if (known !== undefined) return known;
    const validate = this.compiledFor(schema, context);
    this.bySchema.set(schema, validate);
    return validate;
  }

  private compiledFor(schema: Record<string, unknown>, context: Record<string, unknown>): ValidateFunction | null {
    const dialect = dialectOf(schema);
    const { $schema: _declared, ...body } = schema;
    const key = `${dialect}\0${canonicalJson(body)}`;
    const cached = this.compiled.get(key);
    if (cached !== undefined) {
      // Map order is insertion order: re-inserting keeps recently used schemas from being dropped.
      this.compiled.delete(key);
      this.compiled.set(key, cached);
      return cached;
    }
    const ajv = this.instances[dialect];
    let validate: ValidateFunction | null = null;
    try {
      validate = ajv.compile(body);
    } catch (error) {
      this.onUncompilable({ ...context, reason: error instanceof Error ? error.message : String(error) });
    } finally {
      // The compiled function stands alone; Ajv's own registry would otherwise grow and refuse a reused $id.
      ajv.removeSchema(body);
    }
    this.compiled.set(key, validate);
    if (this.compiled.size > MAX_COMPILED) this.compiled.delete(this.compiled.keys().next().value as string);
    return validate;
  }
}
