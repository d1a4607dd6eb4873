// JSON Schema checks by @cfworker/json-schema, an interpreter: the CSP (script-src 'self') refuses Ajv's `new Function`.
import { dereference, type OutputUnit, type Schema, type SchemaDraft, validate } from '@cfworker/json-schema';
import type { RJSFValidationError } from '@rjsf/utils';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Where a sub-schema is placed inside a copy of its root, so that the root's `#/…` pointers resolve from it. */
const SUBSCHEMA_KEY = 'x-studio-subschema';

/** Drafts named by `$schema`; draft-06 is read as draft-07, its successor, and anything else as 2020-12. */
const DRAFTS: [RegExp, SchemaDraft][] = [
  [/draft-04\//, '4'],
  [/draft-0[67]\//, '7'],
  [/2019-09\//, '2019-09'],
];

/** Units that only announce errors listed after them (the errors of a property, an item, a `$ref`…). */
const PARENTS = new Set([
  '$ref',
  '$recursiveRef',
  'properties',
  'patternProperties',
  'additionalProperties',
  'unevaluatedProperties',
  'items',
  'prefixItems',
  'additionalItems',
  'unevaluatedItems',
  'allOf',
  'if',
  'propertyNames',
  'dependentSchemas',
]);

/** Keywords whose branches were only tried: their own error says it all, the branches' errors would mislead. */
const ALTERNATIVES = new Set(['anyOf', 'oneOf', 'contains']);

/** Keywords that reject a child through a `false` schema; the error is named after them, as Ajv does. */
const DISALLOWING = new Set(['additionalProperties', 'unevaluatedProperties', 'additionalItems', 'unevaluatedItems']);

/** The parameter (Ajv's names, which formText.ts reads) under which a keyword's value is reported. */
const PARAM_OF: Record<string, string> = {
  type: 'type',
  minimum: 'limit',
  maximum: 'limit',
  exclusiveMinimum: 'limit',
  exclusiveMaximum: 'limit',
  minLength: 'limit',
  maxLength: 'limit',
  minItems: 'limit',
  maxItems: 'limit',
  minProperties: 'limit',
  maxProperties: 'limit',
  pattern: 'pattern',
  format: 'format',
  enum: 'allowedValues',
  const: 'allowedValue',
  multipleOf: 'multipleOf',
};

/** A copy as JSON: what the studio will be sent (no `undefined`), and schemas free of annotations from earlier runs. */
const toJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const segmentsOf = (pointer: string): string[] =>
  pointer
    .split('/')
    .slice(1)
    .map((raw) => decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~'));

function draftOf(schema: unknown): SchemaDraft {
  const uri = isObject(schema) && typeof schema.$schema === 'string' ? schema.$schema : '';
  return DRAFTS.find(([pattern]) => pattern.test(uri))?.[1] ?? '2020-12';
}

/** The value of the keyword at `keywordLocation`, following `$ref`s the way the validator did. */
function keywordValue(keywordLocation: string, schema: unknown, lookup: Record<string, unknown>): unknown {
  let node = schema;
  for (const segment of segmentsOf(keywordLocation)) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (!isObject(node)) return undefined;
    else if (segment === '$ref') node = lookup[String(node.__absolute_ref__ ?? node.$ref)];
    else node = node[segment];
  }
  return node;
}

/** Draft 7's `dependencies` is a leaf when it lists names, a parent when it holds a schema (its errors follow). */
const isDependentSchema = (unit: OutputUnit, next: OutputUnit | undefined) =>
  unit.keyword === 'dependencies' && next?.keywordLocation.startsWith(`${unit.keywordLocation}/`) === true;

/** The errors worth showing: leaves, with a disallowing keyword's `false` child reported as that keyword. */
function leafUnits(units: OutputUnit[]): OutputUnit[] {
  const leaves: OutputUnit[] = [];
  let triedBranches: string | null = null;
  units.forEach((unit, i) => {
    if (triedBranches !== null && unit.keywordLocation.startsWith(triedBranches)) return;
    triedBranches = null;
    const next = units[i + 1];
    if (ALTERNATIVES.has(unit.keyword)) {
      leaves.push(unit);
      triedBranches = `${unit.keywordLocation}/`;
    } else if (DISALLOWING.has(unit.keyword) && next?.keyword === 'false') {
      leaves.push({ ...unit, instanceLocation: next.instanceLocation });
    } else if (unit.keyword === 'false' && DISALLOWING.has(units[i - 1]?.keyword ?? '')) {
      // already reported as its parent keyword
    } else if (!PARENTS.has(unit.keyword) && !isDependentSchema(unit, next)) {
      leaves.push(unit);
    }
  });
  return leaves;
}

function toRjsfError(unit: OutputUnit, schema: unknown, lookup: Record<string, unknown>): RJSFValidationError {
  const path = segmentsOf(unit.instanceLocation);
  const params: Json = {};
  const name = unit.keyword === 'false' ? 'false schema' : unit.keyword;
  if (name === 'required') {
    // The unit names the object; rjsf shows the error on the missing field, which only the message names.
    const missing = /required property "(.*)"\.$/s.exec(unit.error)?.[1];
    if (missing !== undefined) path.push(missing);
    params.missingProperty = missing;
  } else if (name === 'additionalProperties') {
    params.additionalProperty = path.at(-1);
  } else if (PARAM_OF[name]) {
    params[PARAM_OF[name]] = keywordValue(unit.keywordLocation, schema, lookup);
  }
  const property = path.length === 0 ? '.' : `.${path.join('.')}`;
  return {
    name,
    property,
    message: unit.error,
    params,
    stack: `${property} ${unit.error}`,
    schemaPath: unit.keywordLocation,
  };
}

/**
 * The errors of `value` against `schema`, in rjsf's shape; `#/…` references resolve against `root`, whose `$schema`
 * picks the draft. A schema the validator cannot read (a remote `$ref`, a pattern this browser cannot compile) yields
 * no errors: the studio checks the arguments again and its refusal is shown on the fields.
 */
export function checkJsonSchema(schema: unknown, value: unknown, root: unknown = schema): RJSFValidationError[] {
  if (value === undefined) return [];
  try {
    const subschema = toJson(schema) as Schema | boolean;
    const document =
      root === schema || !isObject(root) ? subschema : { ...(toJson(root) as Json), [SUBSCHEMA_KEY]: subschema };
    const lookup = dereference(document as Schema | boolean);
    const result = validate(toJson(value), subschema, draftOf(isObject(root) ? root : schema), lookup, false);
    const errors = leafUnits(result.errors).map((unit) => toRjsfError(unit, subschema, lookup));
    return errors.filter((error, i) => errors.findIndex((other) => other.stack === error.stack) === i);
  } catch {
    return [];
  }
}
