import type { RJSFSchema } from '@rjsf/utils';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { serversEn } from '../../i18n/en';
import { formErrorTranslator } from './formText';
import { checkJsonSchema } from './schemaCheck';
import { errorSchemaOfDetails, schemaValidator } from './schemaValidator';

const errorsOf = (schema: unknown, value: unknown) =>
  checkJsonSchema(schema, value).map(({ name, property }) => `${name} ${property}`);

describe('checking JSON Schema without generated code', () => {
  it('reports missing required arguments on the argument, and wrong types', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'number' }, b: { type: 'integer' }, c: { type: ['string', 'null'] } },
      required: ['a', 'c'],
    };
    expect(errorsOf(schema, { b: 1.5 })).toEqual(['required .a', 'required .c', 'type .b']);
    expect(errorsOf(schema, { a: 1, b: 2, c: null })).toEqual([]);
    expect(errorsOf(schema, { a: '1', c: 'x' })).toEqual(['type .a']);
    // The form leaves cleared fields undefined; they are checked as the studio receives them: absent.
    expect(errorsOf(schema, { a: undefined, c: 'x' })).toEqual(['required .a']);
  });

  it('refuses a type name JSON Schema does not define, as the specification says', () => {
    expect(errorsOf({ type: 'object', properties: { v: { type: 'no-such-type' } } }, { v: 3 })).toEqual(['type .v']);
  });

  it('checks bounds, lengths, patterns, formats, enums and constants', () => {
    const schema = {
      type: 'object',
      properties: {
        n: { type: 'number', minimum: 1, exclusiveMaximum: 10, multipleOf: 0.5 },
        s: { type: 'string', minLength: 2, maxLength: 3, pattern: '^[a-z]+$' },
        e: { enum: ['x', 'y'] },
        k: { const: 42 },
        mail: { type: 'string', format: 'email' },
        day: { type: 'string', format: 'date' },
      },
    };
    expect(errorsOf(schema, { n: 10, s: 'ABCD', e: 'z', k: 41, mail: 'nope', day: '2024-02-30' })).toEqual([
      'exclusiveMaximum .n',
      'maxLength .s',
      'pattern .s',
      'enum .e',
      'const .k',
      'format .mail',
      'format .day',
    ]);
    expect(errorsOf(schema, { n: 0.5 })).toEqual(['minimum .n']);
    expect(errorsOf(schema, { n: 1.25 })).toEqual(['multipleOf .n']);
    expect(errorsOf(schema, { n: 9.5, s: 'ab', e: 'y', k: 42, mail: 'a@b.co', day: '2024-02-29' })).toEqual([]);
  });

  it('reports the limits formText.ts words its messages with, translated', async () => {
    const schema = {
      type: 'object',
      properties: { s: { type: 'string', minLength: 2 }, n: { type: 'integer', maximum: 5 }, b: { type: 'boolean' } },
      required: ['r'],
    };
    const errors = checkJsonSchema(schema, { s: 'a', n: 6, b: 'yes' });
    expect(errors.map(({ name, params }) => [name, params])).toEqual([
      ['required', { missingProperty: 'r' }],
      ['minLength', { limit: 2 }],
      ['maximum', { limit: 5 }],
      ['type', { type: 'boolean' }],
    ]);
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'en', resources: { en: { translation: { serverExplorer: serversEn.explorer } } } });
    expect(formErrorTranslator(i18n.t)(errors).map((e) => e.stack)).toEqual([
      '.r Required.',
      '.s Must be at least 2 characters long.',
      '.n Must be at most 5.',
      '.b Must be of type boolean.',
    ]);
  });

  it('reads the draft from $schema: draft-04 exclusive bounds, draft-07 references hiding their siblings', () => {
    const draft4 = {
      $schema: 'http://json-schema.org/draft-04/schema#',
      properties: { old: { type: 'number', maximum: 5, exclusiveMaximum: true } },
    };
    expect(errorsOf(draft4, { old: 5 })).toEqual(['maximum .old']);
    expect(errorsOf(draft4, { old: 4.5 })).toEqual([]);
    const refWithSibling = {
      properties: { a: { $ref: '#/definitions/text', maxLength: 1 } },
      definitions: { text: { type: 'string' } },
    };
    const draft7 = { $schema: 'http://json-schema.org/draft-07/schema#', ...refWithSibling };
    expect(errorsOf(draft7, { a: 'long' })).toEqual([]);
    expect(errorsOf(draft7, { a: 1 })).toEqual(['type .a']);
    expect(errorsOf(refWithSibling, { a: 'long' })).toEqual(['maxLength .a']);
  });

  it('follows local references into arrays of objects and counts characters, not UTF-16 units', () => {
    const schema = {
      type: 'object',
      properties: {
        items: { type: 'array', items: { $ref: '#/$defs/item' }, minItems: 1, uniqueItems: true },
        emoji: { type: 'string', maxLength: 1 },
      },
      $defs: {
        item: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'], additionalProperties: false },
      },
    };
    expect(errorsOf(schema, { items: [{ id: 'a' }, {}, { id: 'a' }, { id: 'b', x: 1 }] })).toEqual([
      'required .items.1.id',
      'additionalProperties .items.3.x',
      'uniqueItems .items',
    ]);
    expect(errorsOf(schema, { items: [], emoji: '🌍' })).toEqual(['minItems .items']);
  });

  it('combines schemas with allOf, anyOf, oneOf, not and if/then/else', () => {
    const schema = {
      type: 'object',
      properties: {
        v: { anyOf: [{ type: 'string' }, { type: 'number' }] },
        w: { oneOf: [{ type: 'number' }, { type: 'integer' }] },
        x: { not: { const: 'forbidden' } },
        y: { allOf: [{ minimum: 0 }, { maximum: 1 }] },
      },
      if: { properties: { kind: { const: 'file' } }, required: ['kind'] },
      // biome-ignore lint/suspicious/noThenProperty: a JSON Schema keyword
      then: { required: ['path'] },
    };
    // The library applies if/then before the properties; the order of errors means nothing to the form.
    expect(errorsOf(schema, { v: true, w: 3, x: 'forbidden', y: 2, kind: 'file' }).sort()).toEqual([
      'anyOf .v',
      'maximum .y',
      'not .x',
      'oneOf .w',
      'required .path',
    ]);
    expect(errorsOf(schema, { v: 'a', w: 2.5, x: 'ok', y: 0.5, kind: 'dir' })).toEqual([]);
  });

  it('leaves a schema it cannot read to the studio instead of failing the form', () => {
    expect(errorsOf({ properties: { a: { $ref: 'https://example.test/remote.json' } } }, { a: 1 })).toEqual([]);
    expect(errorsOf({ properties: { a: { type: 'string', pattern: '(?i)abc' } } }, { a: 'xyz' })).toEqual([]);
  });

  it('serves rjsf: per-field error schema, option matching against the root, translated messages', () => {
    const root: RJSFSchema = {
      type: 'object',
      properties: { a: { $ref: '#/$defs/a' }, b: { type: 'integer' } },
      $defs: { a: { type: 'string' } },
    };
    expect(schemaValidator.isValid({ $ref: '#/$defs/a' }, 'x' as never, root)).toBe(true);
    expect(schemaValidator.isValid({ $ref: '#/$defs/a' }, 1 as never, root)).toBe(false);
    // Any pointer into the root resolves, not only its definitions (zod's generator points into properties).
    expect(schemaValidator.isValid({ $ref: '#/properties/b' }, 1 as never, root)).toBe(true);
    expect(schemaValidator.isValid({ $ref: '#/properties/b' }, 1.5 as never, root)).toBe(false);
    const result = schemaValidator.validateFormData({}, { type: 'object', required: ['a'] }, undefined, (errors) =>
      errors.map((e) => ({ ...e, message: `translated ${e.name}` })),
    );
    expect(result.errorSchema).toEqual({ a: { __errors: ['translated required'] } });
  });

  it('places the studio’s own argument errors on their fields', () => {
    expect(
      errorSchemaOfDetails([
        { path: 'a', message: 'must be number' },
        { path: 'filters.0.field', message: 'is required' },
        { path: '(root)', message: 'must be object' },
      ]),
    ).toEqual({
      a: { __errors: ['must be number'] },
      filters: { 0: { field: { __errors: ['is required'] } } },
      __errors: ['must be object'],
    });
  });
});
