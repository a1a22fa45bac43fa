// A small JSON reader/writer that keeps number text exactly ("1.23450" stays as written), for the JSON functions.

export type JsonNode =
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, JsonNode])[] }
  | { readonly kind: 'array'; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' };

interface Reader {
  readonly text: string;
  index: number;
}

class JsonSyntaxError extends Error {}

/**
 * Parses JSON text, or returns null when it is not JSON. With `allowTrailing`, text after the first
 * complete value is ignored, as Jackson's readTree does (EXTRACTJSONFIELD relies on that).
 */
export function parseJson(text: string, allowTrailing = false): JsonNode | null {
  const reader: Reader = { text, index: 0 };
  try {
    const node = readValue(reader);
    skipSpace(reader);
    if (!allowTrailing && reader.index < text.length) return null;
    return node;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return null;
    throw error;
  }
}

function skipSpace(reader: Reader): void {
  while (reader.index < reader.text.length && ' \t\r\n'.includes(reader.text.charAt(reader.index))) reader.index++;
}

function fail(reader: Reader): never {
  throw new JsonSyntaxError(`invalid JSON at ${reader.index}`);
}

function readValue(reader: Reader): JsonNode {
  skipSpace(reader);
  const character = reader.text.charAt(reader.index);
  if (character === '{') return readObject(reader);
  if (character === '[') return readArray(reader);
  if (character === '"') return { kind: 'string', value: readString(reader) };
  if (character === '-' || (character >= '0' && character <= '9')) return readNumber(reader);
  for (const [word, node] of KEYWORDS) {
    if (reader.text.startsWith(word, reader.index)) {
      reader.index += word.length;
      return node;
    }
  }
  return fail(reader);
}

const KEYWORDS: readonly (readonly [string, JsonNode])[] = [
  ['true', { kind: 'boolean', value: true }],
  ['false', { kind: 'boolean', value: false }],
  ['null', { kind: 'null' }],
];

function readObject(reader: Reader): JsonNode {
  reader.index++;
  const entries: [string, JsonNode][] = [];
  skipSpace(reader);
  if (reader.text.charAt(reader.index) === '}') {
    reader.index++;
    return { kind: 'object', entries };
  }
  for (;;) {
    skipSpace(reader);
    if (reader.text.charAt(reader.index) !== '"') fail(reader);
    const key = readString(reader);
    skipSpace(reader);
    if (reader.text.charAt(reader.index++) !== ':') fail(reader);
    entries.push([key, readValue(reader)]);
    skipSpace(reader);
    const separator = reader.text.charAt(reader.index++);
    if (separator === '}') return { kind: 'object', entries };
    if (separator !== ',') fail(reader);
  }
}

function readArray(reader: Reader): JsonNode {
  reader.index++;
  const items: JsonNode[] = [];
  skipSpace(reader);
  if (reader.text.charAt(reader.index) === ']') {
    reader.index++;
    return { kind: 'array', items };
  }
  for (;;) {
    items.push(readValue(reader));
    skipSpace(reader);
    const separator = reader.text.charAt(reader.index++);
    if (separator === ']') return { kind: 'array', items };
    if (separator !== ',') fail(reader);
  }
}

// Sticky patterns match at reader.index without copying the rest of the text.
const STRING_TOKEN = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER_TOKEN = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function readToken(reader: Reader, pattern: RegExp): string {
  pattern.lastIndex = reader.index;
  const match = pattern.exec(reader.text);
  if (match === null) return fail(reader);
  reader.index += match[0].length;
  return match[0];
}

function readString(reader: Reader): string {
  return JSON.parse(readToken(reader, STRING_TOKEN)) as string;
}

function readNumber(reader: Reader): JsonNode {
  return { kind: 'number', text: readToken(reader, NUMBER_TOKEN) };
}

/** Compact JSON text, as Jackson writes a tree: no spaces, numbers exactly as read. */
export function writeJson(node: JsonNode): string {
  switch (node.kind) {
    case 'object':
      return `{${node.entries.map(([key, value]) => `${JSON.stringify(key)}:${writeJson(value)}`).join(',')}}`;
    case 'array':
      return `[${node.items.map(writeJson).join(',')}]`;
    case 'string':
      return JSON.stringify(node.value);
    case 'number':
      return node.text;
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
  }
}
