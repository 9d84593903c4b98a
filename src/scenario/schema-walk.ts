/**
 * Finding the zod schema that governs a place in the document, to tell users which keys
 * are valid there and what a missing key is for. Reads zod's public `def` of each schema.
 */
import type { z } from 'zod';
import type { Path } from './problem.js';

type Schema = z.core.$ZodType;
type AnyDef = {
  type: string;
  innerType?: Schema;
  in?: Schema;
  shape?: Record<string, Schema>;
  element?: Schema;
  valueType?: Schema;
  options?: Schema[];
  discriminator?: string;
  values?: unknown[];
  getter?: () => Schema;
};

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

function def(schema: Schema): AnyDef {
  return schema._zod.def as unknown as AnyDef;
}

/** The schema without optional/default/… wrappers. */
export function unwrap(schema: Schema): Schema {
  let current = schema;
  for (;;) {
    const d = def(current);
    if (WRAPPERS.has(d.type) && d.innerType) current = d.innerType;
    else if (d.type === 'pipe' && d.in) current = d.in;
    else if (d.type === 'lazy' && d.getter) current = d.getter();
    else return current;
  }
}

/**
 * The object option of a union that fits `input`: for a discriminated union the option
 * whose discriminator literal equals the input's, otherwise the first object option.
 */
function pickObject(schema: Schema, input: unknown): Schema | undefined {
  const s = unwrap(schema);
  const d = def(s);
  if (d.type === 'object') return s;
  if (d.type !== 'union' || !d.options) return undefined;
  const objects = d.options.map(unwrap).filter((option) => def(option).type === 'object');
  if (d.discriminator && input && typeof input === 'object') {
    const value = (input as Record<string, unknown>)[d.discriminator];
    const match = objects.find((option) => {
      const literal = def(option).shape?.[d.discriminator!];
      return literal !== undefined && (def(unwrap(literal)).values ?? []).includes(value);
    });
    if (match) return match;
  }
  return objects[0];
}

/** The schema at `path` below `root`, or undefined when the path leaves the schema. */
export function schemaAt(root: Schema, path: Path, data?: unknown): Schema | undefined {
  let schema: Schema | undefined = root;
  let value = data;
  for (const part of path) {
    if (!schema) return undefined;
    const s = unwrap(schema);
    const d = def(s);
    if (d.type === 'array' && typeof part === 'number') schema = d.element;
    else if (d.type === 'record') schema = d.valueType;
    else schema = pickObject(s, value) && def(pickObject(s, value)!).shape?.[String(part)];
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[String(part)] : undefined;
  }
  return schema;
}

/** The keys a mapping may have at `path` (in schema order), or [] when it is not a mapping. */
export function keysAt(root: Schema, path: Path, data?: unknown): string[] {
  const schema = schemaAt(root, path, data);
  const object = schema && pickObject(schema, valueAt(data, path));
  return object ? Object.keys(def(object).shape ?? {}) : [];
}

/** The description given to the schema at `path` (first one found through wrappers). */
export function descriptionAt(root: Schema, path: Path, data?: unknown): string | undefined {
  let schema = schemaAt(root, path, data);
  while (schema) {
    const description = (schema as { description?: string }).description;
    if (description) return description;
    const d = def(schema);
    schema = WRAPPERS.has(d.type) ? d.innerType : undefined;
  }
  return undefined;
}

/** The allowed values of the discriminator of a union at `path`, if it is one. */
export function discriminatorValuesAt(
  root: Schema,
  path: Path,
): { key: string; values: string[] } | undefined {
  const schema = schemaAt(root, path);
  if (!schema) return undefined;
  const d = def(unwrap(schema));
  if (d.type !== 'union' || !d.discriminator || !d.options) return undefined;
  const values = d.options.flatMap((option) => {
    const literal = def(unwrap(option)).shape?.[d.discriminator!];
    return literal ? (def(unwrap(literal)).values ?? []).map(String) : [];
  });
  return { key: d.discriminator, values };
}

/** The plain data at `path`, or undefined. */
export function valueAt(data: unknown, path: Path): unknown {
  let value = data;
  for (const part of path) {
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[String(part)] : undefined;
  }
  return value;
}
