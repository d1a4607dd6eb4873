// RFC 6570 URI templates with string values (levels 1–3, plus prefix modifiers): what a resource template reads.

interface Operator {
  first: string;
  separator: string;
  isNamed: boolean;
  ifEmpty: string;
  allowsReserved: boolean;
}

const OPERATORS: Record<string, Operator> = {
  '': { first: '', separator: ',', isNamed: false, ifEmpty: '', allowsReserved: false },
  '+': { first: '', separator: ',', isNamed: false, ifEmpty: '', allowsReserved: true },
  '#': { first: '#', separator: ',', isNamed: false, ifEmpty: '', allowsReserved: true },
  '.': { first: '.', separator: '.', isNamed: false, ifEmpty: '', allowsReserved: false },
  '/': { first: '/', separator: '/', isNamed: false, ifEmpty: '', allowsReserved: false },
  ';': { first: ';', separator: ';', isNamed: true, ifEmpty: '', allowsReserved: false },
  '?': { first: '?', separator: '&', isNamed: true, ifEmpty: '=', allowsReserved: false },
  '&': { first: '&', separator: '&', isNamed: true, ifEmpty: '=', allowsReserved: false },
};

const EXPRESSION = /\{([^{}]*)\}/g;
const UNRESERVED = /[A-Za-z0-9\-._~]/;
const RESERVED = /[:/?#[\]@!$&'()*+,;=]/;

interface VariableSpec {
  name: string;
  maxLength: number | null;
}

function parseExpression(body: string): { operator: Operator; variables: VariableSpec[] } {
  const first = body.charAt(0);
  const key = first !== '' && first in OPERATORS ? first : '';
  const operator = OPERATORS[key] as Operator;
  const variables = body
    .slice(key.length)
    .split(',')
    .map((spec) => spec.trim())
    .filter(Boolean)
    .map((spec) => {
      const [name = '', prefix] = spec.replace(/\*$/, '').split(':');
      const maxLength = prefix !== undefined && /^\d{1,4}$/.test(prefix) ? Number(prefix) : null;
      return { name, maxLength };
    });
  return { operator, variables };
}

/** The variable names of a template, in order of first appearance. */
export function templateVariables(template: string): string[] {
  const names = new Set<string>();
  for (const match of template.matchAll(EXPRESSION)) {
    for (const { name } of parseExpression(match[1] ?? '').variables) if (name) names.add(name);
  }
  return [...names];
}

function encode(value: string, allowsReserved: boolean): string {
  let out = '';
  const chars = [...value];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] ?? '';
    if (UNRESERVED.test(char) || (allowsReserved && RESERVED.test(char))) {
      out += char;
    } else if (allowsReserved && char === '%' && /^[0-9A-Fa-f]{2}$/.test((chars[i + 1] ?? '') + (chars[i + 2] ?? ''))) {
      out += char; // an existing percent-encoded triplet passes through
    } else {
      out += encodeURIComponent(char).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    }
  }
  return out;
}

/** Expands a template; a variable without a value (undefined) is left out, as the RFC says. */
export function expandUriTemplate(template: string, values: Record<string, string | undefined>): string {
  return template.replace(EXPRESSION, (_, body: string) => {
    const { operator, variables } = parseExpression(body);
    const parts = variables.flatMap(({ name, maxLength }) => {
      const raw = values[name];
      if (raw === undefined) return [];
      const value = maxLength === null ? raw : [...raw].slice(0, maxLength).join('');
      const encoded = encode(value, operator.allowsReserved);
      if (!operator.isNamed) return [encoded];
      return [value === '' ? `${name}${operator.ifEmpty}` : `${name}=${encoded}`];
    });
    return parts.length === 0 ? '' : operator.first + parts.join(operator.separator);
  });
}
