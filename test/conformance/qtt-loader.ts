// Reads a QTT file: strips comments, parses numbers losslessly and narrows each case to typed data.
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { isLosslessNumber, parse } from 'lossless-json';
import type { QttHeader, QttRecordSpec, QttWindow, SchemaReferenceDeclaration, TopicDeclaration } from './driver-api.js';

/** `type` is the Java exception class name; `message` must be a substring of the actual message. */
export interface QttExpectedException {
  readonly type?: string;
  readonly message?: string;
}

/** `post.sources[].keyFormat`; only the fields given are checked (a null window size means "none"). */
export interface QttKeyFormat {
  readonly format?: string;
  readonly windowType?: string | null;
  readonly windowSize?: number | null;
}

export interface QttPostSource {
  readonly name: string;
  readonly type?: string;
  readonly schema?: string;
  readonly keyFormat?: QttKeyFormat;
  readonly valueFormat?: string;
  readonly keyFeatures?: readonly string[];
  readonly valueFeatures?: readonly string[];
  readonly isSource?: boolean;
}

export interface QttPostTopic {
  readonly name: string;
  readonly keyFormat?: string;
  readonly valueFormat?: string;
  readonly partitions?: number;
}

export interface QttPost {
  readonly sources: readonly QttPostSource[];
  readonly blacklist?: string;
  readonly topics: readonly QttPostTopic[];
}

/** One test case as written; `invalidReason` is set (and the rest best-effort) when it breaks the format. */
export interface QttCase {
  readonly name: string;
  readonly statements: readonly string[];
  readonly formats: readonly string[];
  readonly configs: readonly string[];
  readonly properties: Readonly<Record<string, string>>;
  readonly inputs: readonly QttRecordSpec[];
  readonly outputs: readonly QttRecordSpec[];
  readonly topics: readonly TopicDeclaration[];
  readonly expectedException?: QttExpectedException;
  readonly post?: QttPost;
  readonly enabled: boolean;
  readonly invalidReason?: string;
}

export interface QttFile {
  /** File name without directory or `.json`: the first part of every full case name. */
  readonly baseName: string;
  readonly cases: readonly QttCase[];
}

/** The file's structure (not its JSON syntax) breaks the QTT format. */
export class QttFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QttFormatError';
  }
}

type JsonObject = Readonly<Record<string, unknown>>;

export async function loadQttFile(path: string): Promise<QttFile> {
  const text = await readFile(path, 'utf8');
  return parseQttText(basename(path, extname(path)), text);
}

/** Parses a whole file; throws SyntaxError for bad JSON and QttFormatError for a bad top level. */
export function parseQttText(baseName: string, text: string): QttFile {
  const document = parse(stripJsonComments(text));
  if (!isJsonObject(document) || !Array.isArray(document.tests)) {
    throw new QttFormatError(`${baseName}: the top level must be an object with a "tests" array`);
  }
  return { baseName, cases: document.tests.map((node, index) => readCase(node, index)) };
}

/**
 * Removes `//` and `/* *\/` comments outside string literals. Comments are replaced by spaces
 * (newlines kept) so that JSON syntax errors still point at the right line.
 */
export function stripJsonComments(text: string): string {
  let output = '';
  let position = 0;
  while (position < text.length) {
    const character = text[position];
    if (character === '"') {
      const end = endOfString(text, position);
      output += text.slice(position, end);
      position = end;
    } else if (text.startsWith('//', position)) {
      const end = text.indexOf('\n', position);
      position = end === -1 ? text.length : end;
    } else if (text.startsWith('/*', position)) {
      const end = text.indexOf('*/', position + 2);
      if (end === -1) throw new SyntaxError(`unterminated /* comment at offset ${position}`);
      output += text.slice(position, end + 2).replace(/[^\n]/g, ' ');
      position = end + 2;
    } else {
      output += character;
      position += 1;
    }
  }
  return output;
}

/** Index just past the string literal opening at `start`, honouring backslash escapes. */
function endOfString(text: string, start: number): number {
  let position = start + 1;
  while (position < text.length) {
    if (text[position] === '\\') position += 2;
    else if (text[position] === '"') return position + 1;
    else position += 1;
  }
  return text.length;
}

function readCase(node: unknown, index: number): QttCase {
  const fallbackName = isJsonObject(node) && typeof node.name === 'string' && node.name !== '' ? node.name : `case #${index + 1}`;
  try {
    return readValidCase(node);
  } catch (error) {
    if (!(error instanceof QttFormatError)) throw error;
    return { ...emptyCase(fallbackName), invalidReason: error.message };
  }
}

function emptyCase(name: string): QttCase {
  return { name, statements: [], formats: [], configs: [], properties: {}, inputs: [], outputs: [], topics: [], enabled: true };
}

function readValidCase(node: unknown): QttCase {
  const testCase = expectObject(node, 'a test case');
  const name = expectString(testCase.name, 'name');
  if (name === '') throw new QttFormatError('name must not be empty');
  const statements = readStringList(testCase.statements, 'statements');
  if (statements.length === 0) throw new QttFormatError('statements must not be empty');
  if (testCase.inputs === undefined && testCase.outputs === undefined && testCase.expectedException === undefined) {
    throw new QttFormatError('a case needs "inputs", "outputs" or "expectedException"');
  }
  return {
    name,
    statements,
    formats: readStringList(testCase.format, 'format'),
    configs: readStringList(testCase.config, 'config'),
    properties: readProperties(testCase.properties),
    inputs: readRecords(testCase.inputs, 'inputs'),
    outputs: readRecords(testCase.outputs, 'outputs'),
    topics: readList(testCase.topics, 'topics').map(readTopicDeclaration),
    expectedException: testCase.expectedException === undefined ? undefined : readExpectedException(testCase.expectedException),
    post: testCase.post === undefined ? undefined : readPost(testCase.post),
    enabled: testCase.enabled !== false,
  };
}

function readProperties(node: unknown): Record<string, string> {
  if (node === undefined || node === null) return {};
  const properties = expectObject(node, '"properties"');
  return Object.fromEntries(Object.entries(properties).map(([name, value]) => [name, scalarText(value, `property ${name}`)]));
}

function readRecords(node: unknown, what: string): QttRecordSpec[] {
  return readList(node, what).map((record, index) => readRecord(record, `${what}[${index}]`));
}

function readRecord(node: unknown, what: string): QttRecordSpec {
  const record = expectObject(node, what);
  const hasKey = Object.prototype.hasOwnProperty.call(record, 'key');
  return {
    topic: expectString(record.topic, `${what}.topic`),
    ...(hasKey ? { key: record.key } : {}),
    value: record.value ?? null,
    ...(record.timestamp === undefined || record.timestamp === null ? {} : { timestamp: expectNumber(record.timestamp, `${what}.timestamp`) }),
    ...(record.window === undefined || record.window === null ? {} : { window: readWindow(record.window, `${what}.window`) }),
    ...(record.headers === undefined || record.headers === null ? {} : { headers: readHeaders(record.headers, `${what}.headers`) }),
  };
}

function readWindow(node: unknown, what: string): QttWindow {
  const window = expectObject(node, what);
  const type = expectString(window.type, `${what}.type`).toLowerCase();
  if (type !== 'time' && type !== 'session') throw new QttFormatError(`${what}.type must be "time" or "session", got "${type}"`);
  return { start: expectNumber(window.start, `${what}.start`), end: expectNumber(window.end, `${what}.end`), type };
}

function readHeaders(node: unknown, what: string): QttHeader[] {
  return readList(node, what).map((header, index) => {
    const fields = expectObject(header, `${what}[${index}]`);
    const value = fields.VALUE ?? null;
    return { KEY: expectString(fields.KEY, `${what}[${index}].KEY`), VALUE: value === null ? null : expectString(value, `${what}[${index}].VALUE`) };
  });
}

function readTopicDeclaration(node: unknown, index: number): TopicDeclaration {
  const what = `topics[${index}]`;
  const topic = expectObject(node, what);
  // `format` is the older spelling of `valueFormat`.
  const valueFormat = optionalString(topic.valueFormat, `${what}.valueFormat`) ?? optionalString(topic.format, `${what}.format`);
  const keyFormat = optionalString(topic.keyFormat, `${what}.keyFormat`);
  return {
    name: expectString(topic.name, `${what}.name`),
    ...(topic.partitions === undefined ? {} : { partitions: expectNumber(topic.partitions, `${what}.partitions`) }),
    ...(keyFormat === undefined ? {} : { keyFormat }),
    ...(valueFormat === undefined ? {} : { valueFormat }),
    ...(topic.keySchema === undefined ? {} : { keySchema: topic.keySchema }),
    ...(topic.valueSchema === undefined ? {} : { valueSchema: topic.valueSchema }),
    ...(topic.keySchemaId === undefined ? {} : { keySchemaId: expectNumber(topic.keySchemaId, `${what}.keySchemaId`) }),
    ...(topic.valueSchemaId === undefined ? {} : { valueSchemaId: expectNumber(topic.valueSchemaId, `${what}.valueSchemaId`) }),
    ...(topic.keySchemaReferences === undefined ? {} : { keySchemaReferences: readSchemaReferences(topic.keySchemaReferences, `${what}.keySchemaReferences`) }),
    ...(topic.valueSchemaReferences === undefined ? {} : { valueSchemaReferences: readSchemaReferences(topic.valueSchemaReferences, `${what}.valueSchemaReferences`) }),
  };
}

/** `[{"name": "event.proto", "format": "PROTOBUF", "schema": "..."}]`: schemas a topic's schema imports by name. */
function readSchemaReferences(node: unknown, what: string): SchemaReferenceDeclaration[] {
  return readList(node, what).map((entry, index) => {
    const fields = expectObject(entry, `${what}[${index}]`);
    return {
      name: expectString(fields.name, `${what}[${index}].name`),
      ...(fields.format === undefined ? {} : { format: expectString(fields.format, `${what}[${index}].format`) }),
      schema: fields.schema,
    };
  });
}

function readExpectedException(node: unknown): QttExpectedException {
  const exception = expectObject(node, '"expectedException"');
  const type = optionalString(exception.type, 'expectedException.type');
  const message = optionalString(exception.message, 'expectedException.message');
  if (type === undefined && message === undefined) throw new QttFormatError('"expectedException" needs "type" or "message"');
  return { ...(type === undefined ? {} : { type }), ...(message === undefined ? {} : { message }) };
}

function readPost(node: unknown): QttPost {
  const post = expectObject(node, '"post"');
  const topics = post.topics === undefined || post.topics === null ? {} : expectObject(post.topics, 'post.topics');
  const blacklist = optionalString(topics.blacklist, 'post.topics.blacklist');
  return {
    sources: readList(post.sources, 'post.sources').map(readPostSource),
    ...(blacklist === undefined ? {} : { blacklist }),
    topics: readList(topics.topics, 'post.topics.topics').map(readPostTopic),
  };
}

function readPostSource(node: unknown, index: number): QttPostSource {
  const what = `post.sources[${index}]`;
  const source = expectObject(node, what);
  return {
    name: expectString(source.name, `${what}.name`),
    type: optionalString(source.type, `${what}.type`),
    schema: optionalString(source.schema, `${what}.schema`),
    keyFormat: source.keyFormat === undefined ? undefined : readKeyFormat(source.keyFormat, `${what}.keyFormat`),
    valueFormat: source.valueFormat === undefined ? undefined : formatName(source.valueFormat, `${what}.valueFormat`),
    keyFeatures: source.keyFeatures === undefined ? undefined : readStringList(source.keyFeatures, `${what}.keyFeatures`),
    valueFeatures: source.valueFeatures === undefined ? undefined : readStringList(source.valueFeatures, `${what}.valueFeatures`),
    isSource: source.isSource === undefined ? undefined : expectBoolean(source.isSource, `${what}.isSource`),
  };
}

function readKeyFormat(node: unknown, what: string): QttKeyFormat {
  if (typeof node === 'string') return { format: node };
  const keyFormat = expectObject(node, what);
  const hasWindowType = Object.prototype.hasOwnProperty.call(keyFormat, 'windowType');
  const hasWindowSize = Object.prototype.hasOwnProperty.call(keyFormat, 'windowSize');
  const format = optionalString(keyFormat.format, `${what}.format`);
  return {
    ...(format === undefined ? {} : { format }),
    ...(hasWindowType ? { windowType: keyFormat.windowType === null ? null : expectString(keyFormat.windowType, `${what}.windowType`) } : {}),
    ...(hasWindowSize ? { windowSize: keyFormat.windowSize === null ? null : expectNumber(keyFormat.windowSize, `${what}.windowSize`) } : {}),
  };
}

function readPostTopic(node: unknown, index: number): QttPostTopic {
  const what = `post.topics.topics[${index}]`;
  const topic = expectObject(node, what);
  return {
    name: expectString(topic.name, `${what}.name`),
    keyFormat: topic.keyFormat === undefined ? undefined : formatName(topic.keyFormat, `${what}.keyFormat`),
    valueFormat: topic.valueFormat === undefined ? undefined : formatName(topic.valueFormat, `${what}.valueFormat`),
    partitions: topic.partitions === undefined ? undefined : expectNumber(topic.partitions, `${what}.partitions`),
  };
}

/** A format is written either as its name or as `{ "format": name, "features"?, "properties"? }`. */
function formatName(node: unknown, what: string): string {
  if (typeof node === 'string') return node;
  return expectString(expectObject(node, what).format, `${what}.format`);
}

function readList(node: unknown, what: string): readonly unknown[] {
  if (node === undefined || node === null) return [];
  if (!Array.isArray(node)) throw new QttFormatError(`${what} must be a list`);
  return node;
}

function readStringList(node: unknown, what: string): string[] {
  return readList(node, what).map((item, index) => expectString(item, `${what}[${index}]`));
}

function isJsonObject(node: unknown): node is JsonObject {
  return typeof node === 'object' && node !== null && !Array.isArray(node) && !isLosslessNumber(node);
}

function expectObject(node: unknown, what: string): JsonObject {
  if (!isJsonObject(node)) throw new QttFormatError(`${what} must be an object`);
  return node;
}

function expectString(node: unknown, what: string): string {
  if (typeof node !== 'string') throw new QttFormatError(`${what} must be a string`);
  return node;
}

function optionalString(node: unknown, what: string): string | undefined {
  return node === undefined || node === null ? undefined : expectString(node, what);
}

function expectBoolean(node: unknown, what: string): boolean {
  if (typeof node !== 'boolean') throw new QttFormatError(`${what} must be true or false`);
  return node;
}

function expectNumber(node: unknown, what: string): number {
  if (!isLosslessNumber(node)) throw new QttFormatError(`${what} must be a number`);
  return Number(node.value);
}

/** Property values are strings in ksqlDB configs; a file may still write them as numbers or booleans. */
function scalarText(node: unknown, what: string): string {
  if (typeof node === 'string') return node;
  if (typeof node === 'boolean') return String(node);
  if (isLosslessNumber(node)) return node.value;
  throw new QttFormatError(`${what} must be a string, number or boolean`);
}
