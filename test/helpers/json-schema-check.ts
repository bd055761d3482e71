/**
 * A small JSON Schema (2020-12) checker for the keywords z.toJSONSchema emits: type, const, enum, properties,
 * required, additionalProperties, propertyNames, items, prefixItems, anyOf/oneOf/allOf, string, number and array
 * bounds, pattern and local `$ref`s. Returns the problems found (empty when the value fits). An unknown keyword
 * is a problem too, so a schema the checker cannot judge never passes by accident.
 */
type Json = Record<string, unknown>;

const known = new Set([
  'type', 'const', 'enum', 'properties', 'required', 'additionalProperties', 'propertyNames', 'items', 'prefixItems',
  'anyOf', 'oneOf', 'allOf', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum',
  'exclusiveMaximum', 'minItems', 'maxItems', 'format', 'default', 'description', '$ref', 'title', 'examples',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function resolve(root: Json, ref: string): Json {
  if (!ref.startsWith('#/')) throw new Error(`only local refs: ${ref}`);
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) node = isObject(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  if (!isObject(node)) throw new Error(`unresolved ref ${ref}`);
  return node;
}

export function jsonSchemaProblems(schema: unknown, value: unknown, root: Json = isObject(schema) ? schema : {}, at = '$'): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${at}: not allowed`];
  if (!isObject(schema)) return [`${at}: schema is not an object`];
  const problems: string[] = [];
  for (const key of Object.keys(schema)) if (!known.has(key)) problems.push(`${at}: unknown keyword ${key}`);
  if (typeof schema['$ref'] === 'string') problems.push(...jsonSchemaProblems(resolve(root, schema['$ref']), value, root, at));
  const t = typeOf(value);
  const types = schema['type'] === undefined ? undefined : ([] as unknown[]).concat(schema['type']);
  if (types !== undefined && !types.some((x) => x === t || (x === 'number' && t === 'integer'))) return [...problems, `${at}: ${t} is not ${types.join('|')}`];
  if ('const' in schema && JSON.stringify(schema['const']) !== JSON.stringify(value)) problems.push(`${at}: not the constant`);
  if (Array.isArray(schema['enum']) && !schema['enum'].some((e) => JSON.stringify(e) === JSON.stringify(value))) problems.push(`${at}: not in enum`);
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = schema[key];
    if (!Array.isArray(list)) continue;
    const fits = list.filter((s) => jsonSchemaProblems(s, value, root, at).length === 0).length;
    if (key === 'allOf' && fits !== list.length) problems.push(`${at}: fails allOf`);
    if (key === 'anyOf' && fits === 0) problems.push(`${at}: fits no anyOf`);
    if (key === 'oneOf' && fits !== 1) problems.push(`${at}: fits ${fits} of oneOf`);
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema['minLength'] === 'number' && length < schema['minLength']) problems.push(`${at}: too short`);
    if (typeof schema['maxLength'] === 'number' && length > schema['maxLength']) problems.push(`${at}: too long`);
    if (typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern'], 'u').test(value)) problems.push(`${at}: does not match ${schema['pattern']}`);
  }
  if (typeof value === 'number') {
    if (typeof schema['minimum'] === 'number' && value < schema['minimum']) problems.push(`${at}: below minimum`);
    if (typeof schema['maximum'] === 'number' && value > schema['maximum']) problems.push(`${at}: above maximum`);
    if (typeof schema['exclusiveMinimum'] === 'number' && value <= schema['exclusiveMinimum']) problems.push(`${at}: not above exclusiveMinimum`);
    if (typeof schema['exclusiveMaximum'] === 'number' && value >= schema['exclusiveMaximum']) problems.push(`${at}: not below exclusiveMaximum`);
  }
  if (Array.isArray(value)) {
    if (typeof schema['minItems'] === 'number' && value.length < schema['minItems']) problems.push(`${at}: too few items`);
    if (typeof schema['maxItems'] === 'number' && value.length > schema['maxItems']) problems.push(`${at}: too many items`);
    const prefix = Array.isArray(schema['prefixItems']) ? schema['prefixItems'] : [];
    value.forEach((item, i) => {
      const itemSchema = i < prefix.length ? prefix[i] : schema['items'];
      if (itemSchema !== undefined) problems.push(...jsonSchemaProblems(itemSchema, item, root, `${at}[${i}]`));
    });
  }
  if (isObject(value)) {
    const props = isObject(schema['properties']) ? schema['properties'] : {};
    for (const name of Array.isArray(schema['required']) ? schema['required'] : []) if (typeof name === 'string' && !(name in value)) problems.push(`${at}: missing ${name}`);
    for (const [name, v] of Object.entries(value)) {
      if (name in props) problems.push(...jsonSchemaProblems(props[name], v, root, `${at}.${name}`));
      else if (schema['additionalProperties'] !== undefined) problems.push(...jsonSchemaProblems(schema['additionalProperties'], v, root, `${at}.${name}`));
      if (schema['propertyNames'] !== undefined) problems.push(...jsonSchemaProblems(schema['propertyNames'], name, root, `${at} key ${name}`));
    }
  }
  return problems;
}
