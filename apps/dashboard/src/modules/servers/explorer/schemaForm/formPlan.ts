// How a tool's JSON Schema becomes a form: the schema the form renders, its uiSchema, or why raw JSON is safer.
import type { RJSFSchema, UiSchema } from '@rjsf/utils';

type Schema = Record<string, unknown>;

export interface FormPlan {
  /** The schema without `$id`, so its `#/…` references resolve in it; `$schema` stays to pick the validator's draft. */
  schema: RJSFSchema;
  uiSchema: UiSchema;
  /** Keywords or shapes a generated form would get wrong; non-empty means "start with raw JSON". */
  unsupported: string[];
  /** False for a tool that takes no arguments. */
  hasFields: boolean;
}

/** Keywords whose meaning a generated form cannot honour. */
const UNSUPPORTED_KEYWORDS = [
  'if',
  'then',
  'else',
  'not',
  'patternProperties',
  'dependentSchemas',
  'dependencies',
  'unevaluatedProperties',
  'unevaluatedItems',
  'prefixItems',
  'contains',
  '$dynamicRef',
  '$recursiveRef',
];

const JSON_TYPES = new Set(['null', 'boolean', 'object', 'array', 'number', 'integer', 'string']);

/** Names of string arguments that usually hold more than a line. */
const MULTILINE_NAME = /^(text|content|body|code|script|sql|query|markdown|html|source|prompt|template|json|yaml)$/i;
const SECRET_NAME = /(password|passphrase|secret)$/i;
const MULTILINE_LENGTH = 200;

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function typesOf(schema: Schema): string[] {
  const type = schema.type;
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
}

/** Collects what a form cannot express, walking the schema as written (references are not followed, so no cycles). */
function findUnsupported(schema: unknown, path: string, found: string[]): void {
  if (!isSchema(schema)) return;
  for (const keyword of UNSUPPORTED_KEYWORDS) if (keyword in schema) found.push(`${path || '/'}: ${keyword}`);
  if (typeof schema.$ref === 'string' && !schema.$ref.startsWith('#')) found.push(`${path || '/'}: $ref`);
  const types = typesOf(schema);
  if (types.filter((t) => t !== 'null').length > 1 || types.some((t) => !JSON_TYPES.has(t))) {
    found.push(`${path || '/'}: type`);
  }
  if (typesOf(schema).includes('array') && (!isSchema(schema.items) || Array.isArray(schema.items))) {
    found.push(`${path || '/'}: items`);
  }
  if (isSchema(schema.properties)) {
    for (const [name, child] of Object.entries(schema.properties)) findUnsupported(child, `${path}/${name}`, found);
  }
  if (isSchema(schema.items)) findUnsupported(schema.items, `${path}/items`, found);
  for (const key of ['$defs', 'definitions']) {
    const defs = schema[key];
    if (isSchema(defs))
      for (const [name, child] of Object.entries(defs)) findUnsupported(child, `#/${key}/${name}`, found);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const list = schema[key];
    if (!Array.isArray(list)) continue;
    for (const [i, child] of list.entries()) findUnsupported(child, `${path}/${key}/${i}`, found);
  }
}

/** The uiSchema of one field: multi-line text, hidden secrets, placeholders from examples; recursing into children. */
function uiSchemaOf(schema: unknown, name: string): UiSchema {
  if (!isSchema(schema)) return {};
  const ui: UiSchema = {};
  const types = typesOf(schema);
  if (types.includes('string') && schema.enum === undefined && schema.format === undefined) {
    const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : null;
    if (SECRET_NAME.test(name)) ui['ui:widget'] = 'password';
    else if (MULTILINE_NAME.test(name) || (maxLength !== null && maxLength > MULTILINE_LENGTH)) {
      ui['ui:widget'] = 'textarea';
    }
  }
  const examples = schema.examples;
  const example = Array.isArray(examples) ? examples[0] : undefined;
  if (typeof example === 'string' || typeof example === 'number') ui['ui:placeholder'] = String(example);
  if (isSchema(schema.properties)) {
    for (const [child, childSchema] of Object.entries(schema.properties)) {
      const childUi = uiSchemaOf(childSchema, child);
      if (Object.keys(childUi).length > 0) ui[child] = childUi;
    }
  }
  if (isSchema(schema.items)) {
    const itemsUi = uiSchemaOf(schema.items, name);
    if (Object.keys(itemsUi).length > 0) ui.items = itemsUi;
  }
  return ui;
}

/** Plans the form of a tool's `inputSchema`. */
export function planForm(inputSchema: Record<string, unknown>): FormPlan {
  const { $id: _id, ...rest } = inputSchema;
  // MCP input schemas are objects; a schema that omits the type still describes the arguments object.
  const schema: Schema = rest.type === undefined && rest.properties !== undefined ? { ...rest, type: 'object' } : rest;
  const unsupported: string[] = [];
  findUnsupported(schema, '', unsupported);
  const properties = isSchema(schema.properties) ? Object.keys(schema.properties) : [];
  const isOpenObject = properties.length === 0 && isSchema(schema.additionalProperties);
  const hasFields = properties.length > 0 || isOpenObject || 'anyOf' in schema || 'oneOf' in schema;
  const uiSchema: UiSchema = {
    ...uiSchemaOf(schema, ''),
    'ui:submitButtonOptions': { norender: true },
    'ui:globalOptions': { copyable: false },
  };
  return { schema: schema as RJSFSchema, uiSchema, unsupported, hasFields };
}

/**
 * Drops what the form leaves behind for untouched optional fields (undefined values, empty optional objects), so the
 * arguments say only what the user chose. A required object stays, even empty.
 */
export function pruneArguments(value: unknown, schema: unknown): unknown {
  if (Array.isArray(value)) {
    const items = isSchema(schema) ? schema.items : undefined;
    return value.map((item) => pruneArguments(item, items));
  }
  if (!isSchema(value)) return value;
  const properties = isSchema(schema) && isSchema(schema.properties) ? schema.properties : {};
  const required = isSchema(schema) && Array.isArray(schema.required) ? schema.required : [];
  const entries = Object.entries(value)
    .map(([key, child]) => [key, pruneArguments(child, properties[key])] as const)
    .filter(
      ([key, child]) =>
        child !== undefined && (required.includes(key) || !(isSchema(child) && Object.keys(child).length === 0)),
    );
  return Object.fromEntries(entries);
}
