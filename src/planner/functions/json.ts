// JSON functions over JSON text held in STRING values: path extraction, inspection, splitting, building.
import { Decimal } from '../decimal.js';
import type { SqlType } from '../types.js';
import type { FunctionDefinition } from './registry-types.js';
import { P, argumentType, fixed } from './patterns.js';
import { parseJson, writeJson, type JsonNode } from './json-text.js';
import { javaDoubleText } from './java-text.js';
import { compiledCache } from './compiled-cache.js';

type PathStep = string | number;

/** The steps of a path, cached: the path is nearly always a literal, parsed once per query. */
const jsonPath: (path: string) => readonly PathStep[] = compiledCache(parseJsonPath);

/** Parses `$.a.b[0]['c']` into steps; throws for anything else (a bad path is a query error). */
function parseJsonPath(path: string): PathStep[] {
  if (!path.startsWith('$')) throw new Error(`Invalid JSON path: '${path}'`);
  const steps: PathStep[] = [];
  const step = /\.([^.[\]]+)|\[\s*(-?\d+)\s*\]|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]/y;
  step.lastIndex = 1;
  while (step.lastIndex < path.length) {
    const match = step.exec(path);
    if (match === null) throw new Error(`Invalid JSON path: '${path}'`);
    steps.push(match[2] !== undefined ? Number(match[2]) : (match[1] ?? match[3] ?? match[4])!);
  }
  return steps;
}

function follow(node: JsonNode, steps: readonly PathStep[]): JsonNode | null {
  let current: JsonNode | undefined = node;
  for (const step of steps) {
    if (typeof step === 'number') {
      current = current.kind === 'array' ? current.items[step] : undefined;
    } else {
      current = current.kind === 'object' ? lastValueOf(current.entries, step) : undefined;
    }
    if (current === undefined) return null;
  }
  return current;
}

/** The value of a key; with duplicate keys the last wins, as in Jackson's tree. */
function lastValueOf(entries: readonly (readonly [string, JsonNode])[], key: string): JsonNode | undefined {
  for (let index = entries.length - 1; index >= 0; index--) {
    if (entries[index]![0] === key) return entries[index]![1];
  }
  return undefined;
}

/** A JSON value as the text the JSON functions return: strings unquoted, everything else as JSON. */
function nodeText(node: JsonNode): string | null {
  if (node.kind === 'null') return null;
  return node.kind === 'string' ? node.value : writeJson(node);
}

function extractJsonField(json: string, path: string): string | null {
  const root = parseJson(json, true);
  if (root === null) return null;
  const found = follow(root, jsonPath(path));
  return found === null ? null : nodeText(found);
}

function parseArray(json: string): readonly JsonNode[] | null {
  const node = parseJson(json);
  return node?.kind === 'array' ? node.items : null;
}

function parseObject(json: string): readonly (readonly [string, JsonNode])[] | null {
  const node = parseJson(json);
  return node?.kind === 'object' ? node.entries : null;
}

/** JSON_ARRAY_CONTAINS: a SQL value matches a JSON element of the same kind and value. */
function jsonMatches(node: JsonNode, value: unknown): boolean {
  if (value === null) return node.kind === 'null';
  if (typeof value === 'string') return node.kind === 'string' && node.value === value;
  if (typeof value === 'boolean') return node.kind === 'boolean' && node.value === value;
  if (node.kind !== 'number') return false;
  if (value instanceof Decimal) return Decimal.parse(node.text).equals(value);
  if (typeof value === 'bigint') return /^-?\d+$/.test(node.text) && BigInt(node.text) === value;
  return Number(node.text) === value;
}

/** JSON_CONCAT: objects merge (later keys win); otherwise arrays concatenate, other values as one element. */
function concatJson(...texts: (string | null)[]): string | null {
  const nodes = texts.map((text) => (text === null ? null : parseJson(text)));
  if (nodes.length === 0 || nodes.some((node) => node === null)) return null;
  const values = nodes as JsonNode[];
  if (values.every((node) => node.kind === 'object')) {
    const merged = new Map<string, JsonNode>();
    for (const node of values) for (const [key, value] of node.entries) merged.set(key, value);
    return writeJson({ kind: 'object', entries: [...merged] });
  }
  return writeJson({ kind: 'array', items: values.flatMap((node) => (node.kind === 'array' ? node.items : [node])) });
}

function jsonObject(members: readonly (readonly [string, string])[]): string {
  return `{${members.map(([key, valueText]) => `${JSON.stringify(key)}:${valueText}`).join(',')}}`;
}

/** A SQL value as JSON text, guided by its type (a DOUBLE 1 is written 1.0, BYTES as base64). */
function toJsonText(value: unknown, type: SqlType): string {
  if (value === null) return 'null';
  switch (type.kind) {
    case 'DOUBLE':
      return Number.isFinite(value as number) ? javaDoubleText(value as number) : JSON.stringify(String(value));
    case 'DECIMAL':
    case 'BIGINT':
      return String(value);
    case 'BYTES':
      return JSON.stringify(Buffer.from(value as Uint8Array).toString('base64'));
    case 'ARRAY':
      return `[${(value as unknown[]).map((item) => toJsonText(item, type.element)).join(',')}]`;
    case 'MAP':
      return jsonObject([...(value as Map<unknown, unknown>)].map(([key, item]) => [String(key), toJsonText(item, type.value)]));
    case 'STRUCT': {
      const struct = value as Record<string, unknown>;
      return jsonObject(type.fields.map((field) => [field.name, toJsonText(struct[field.name] ?? null, field.type)]));
    }
    default:
      return JSON.stringify(value);
  }
}

export const JSON_FUNCTIONS: readonly FunctionDefinition[] = [
  {
    name: 'EXTRACTJSONFIELD',
    type: 'SCALAR',
    category: 'JSON',
    description: 'The value at a JSON path ($.a.b[0]) as a string, or null when absent or not JSON.',
    overloads: [fixed([P.string, P.string], P.string, extractJsonField)],
  },
  {
    name: 'IS_JSON_STRING',
    type: 'SCALAR',
    category: 'JSON',
    description: 'Whether the string is valid JSON.',
    overloads: [
      fixed([P.string], P.boolean, (text: string | null) => text !== null && parseJson(text) !== null, {
        nulls: 'handlesNulls',
      }),
    ],
  },
  {
    name: 'JSON_ARRAY_CONTAINS',
    type: 'SCALAR',
    category: 'JSON',
    description: 'Whether a JSON array contains the value; false when the text is not a JSON array.',
    overloads: [
      fixed([P.string, P.var('T')], P.boolean, (json: string | null, value: unknown) =>
        json === null ? false : (parseArray(json)?.some((node) => jsonMatches(node, value)) ?? false),
        { nulls: 'handlesNulls' },
      ),
    ],
  },
  {
    name: 'JSON_ARRAY_LENGTH',
    type: 'SCALAR',
    category: 'JSON',
    description: 'The length of a JSON array, or null when the text is not a JSON array.',
    overloads: [fixed([P.string], P.int, (json: string) => parseArray(json)?.length ?? null)],
  },
  {
    name: 'JSON_CONCAT',
    type: 'SCALAR',
    category: 'JSON',
    description: 'Merges JSON objects, or concatenates JSON arrays; null if any input is null or not JSON.',
    overloads: [fixed([P.string, P.string], P.string, concatJson, { variadic: true, nulls: 'handlesNulls' })],
  },
  {
    name: 'JSON_ITEMS',
    type: 'SCALAR',
    category: 'JSON',
    description: 'The elements of a JSON array as JSON strings.',
    overloads: [fixed([P.string], P.array(P.string), (json: string) => parseArray(json)?.map(writeJson) ?? null)],
  },
  {
    name: 'JSON_KEYS',
    type: 'SCALAR',
    category: 'JSON',
    description: 'The keys of a JSON object.',
    overloads: [fixed([P.string], P.array(P.string), (json: string) => parseObject(json)?.map(([key]) => key) ?? null)],
  },
  {
    name: 'JSON_RECORDS',
    type: 'SCALAR',
    category: 'JSON',
    description: 'The entries of a JSON object as a map from key to value text.',
    overloads: [
      fixed([P.string], P.map(P.string, P.string), (json: string) => {
        const entries = parseObject(json);
        return entries === null ? null : new Map(entries.map(([key, node]) => [key, nodeText(node)]));
      }),
    ],
  },
  {
    name: 'TO_JSON_STRING',
    type: 'SCALAR',
    category: 'JSON',
    description: 'Any value as JSON text.',
    overloads: [
      {
        params: [P.var('T')],
        returns: P.string,
        nulls: 'handlesNulls',
        create: (argTypes) => {
          const type = argumentType(argTypes, 0);
          return (value) => toJsonText(value, type);
        },
      },
    ],
  },
];
