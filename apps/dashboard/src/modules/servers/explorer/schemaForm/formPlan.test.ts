import { describe, expect, it } from 'vitest';
import { planForm, pruneArguments } from './formPlan';
import { schemaValidator as validator } from './schemaValidator';

// Shaped like what servers publish: server-everything's echo (draft-07 from zod) and a Pydantic-style 2020-12 schema.
const echo = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: { message: { type: 'string', description: 'Message to echo' } },
  required: ['message'],
};

const search = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://example.test/search',
  type: 'object',
  properties: {
    query: { type: 'string' },
    limit: { type: 'integer', minimum: 1, maximum: 50, default: 10 },
    mode: { type: 'string', enum: ['fast', 'exact'] },
    strict: { type: 'boolean' },
    filters: { type: 'array', items: { $ref: '#/$defs/filter' } },
    apiSecret: { type: 'string' },
    note: { type: 'string', maxLength: 2000, examples: ['why'] },
  },
  required: ['query'],
  $defs: { filter: { type: 'object', properties: { field: { type: 'string' } }, required: ['field'] } },
};

describe('planning a tool form', () => {
  it('renders common schemas as a form, with long text, secrets and examples given fitting inputs', () => {
    const plan = planForm(search);
    expect(plan.unsupported).toEqual([]);
    expect(plan.hasFields).toBe(true);
    expect(plan.schema).toHaveProperty('$schema', search.$schema);
    expect(plan.schema).not.toHaveProperty('$id');
    expect(plan.uiSchema.query).toEqual({ 'ui:widget': 'textarea' });
    expect(plan.uiSchema.apiSecret).toEqual({ 'ui:widget': 'password' });
    expect(plan.uiSchema.note).toEqual({ 'ui:widget': 'textarea', 'ui:placeholder': 'why' });
    expect(plan.uiSchema.mode).toBeUndefined();
    expect(plan.uiSchema['ui:submitButtonOptions']).toEqual({ norender: true });
  });

  it('validates arguments against schemas of either draft once planned, resolving local references', () => {
    for (const [schema, bad, good] of [
      [echo, {}, { message: 'hi' }],
      [search, { query: 'q', limit: 99, filters: [{}] }, { query: 'q', limit: 5, filters: [{ field: 'a' }] }],
    ] as const) {
      const { schema: planned } = planForm(schema);
      expect(validator.validateFormData(bad, planned).errors.length).toBeGreaterThan(0);
      expect(validator.validateFormData(good, planned).errors).toEqual([]);
    }
    const errors = validator.validateFormData({ query: 'q', limit: 99, filters: [{}] }, planForm(search).schema).errors;
    expect(errors.map((e) => e.property).sort()).toEqual(['.filters.0.field', '.limit']);
  });

  it('falls back to raw JSON for what a form cannot express, naming where', () => {
    const plan = planForm({
      type: 'object',
      properties: {
        // biome-ignore lint/suspicious/noThenProperty: a JSON Schema keyword, as servers publish it
        shape: { if: { type: 'string' }, then: { minLength: 1 } },
        anything: { type: ['string', 'number'] },
        list: { type: 'array' },
        remote: { $ref: 'https://example.test/schema.json' },
        odd: { type: 'no-such-type' },
      },
    });
    expect(plan.unsupported).toEqual([
      '/shape: if',
      '/shape: then',
      '/anything: type',
      '/list: items',
      '/remote: $ref',
      '/odd: type',
    ]);
    expect(planForm({ type: 'object', properties: { v: { type: ['string', 'null'] } } }).unsupported).toEqual([]);
  });

  it('knows a tool without arguments', () => {
    expect(planForm({ type: 'object', properties: {} }).hasFields).toBe(false);
    expect(planForm({ type: 'object' }).hasFields).toBe(false);
    expect(planForm({ type: 'object', additionalProperties: { type: 'string' } }).hasFields).toBe(true);
  });
});

describe('pruning arguments', () => {
  it('drops untouched optional values and empty optional objects, keeping required ones and falsy values', () => {
    const schema = {
      type: 'object',
      properties: {
        a: { type: 'string' },
        options: { type: 'object', properties: { x: { type: 'string' } } },
        config: { type: 'object', properties: {} },
        list: { type: 'array', items: { type: 'object', properties: { y: { type: 'string' } } } },
      },
      required: ['config'],
    };
    expect(
      pruneArguments(
        { a: undefined, options: { x: undefined }, config: {}, list: [{ y: undefined }], n: 0, b: false, s: '' },
        schema,
      ),
    ).toEqual({ config: {}, list: [{}], n: 0, b: false, s: '' });
  });
});
