// Turns a user-defined function module's export into a registry FunctionDefinition: checks its
// shape, parses its SQL type texts into type patterns, and wraps its body so a throw becomes an
// EvaluationError (the runtime logs the record to the processing log and goes on).
import { parseType, type TypeNode } from '../../parser/index.js';
import { EvaluationError } from '../expression/evaluation-error.js';
import { PlanError } from '../plan-error.js';
import { resolveType } from '../type-rules.js';
import type {
  AggregateImplementation,
  AggregateOverload,
  FunctionDefinition,
  OverloadSignature,
  ScalarImplementation,
  ScalarOverload,
  TableOverload,
  TypePattern,
} from './registry-types.js';

/** A definition, or what is wrong with the export (one line, without the file name). */
export type UserFunctionReading = { readonly ok: true; readonly definition: FunctionDefinition } | { readonly ok: false; readonly problem: string };

type Fields = Readonly<Record<string, unknown>>;

/** Thrown inside this file to stop reading at the first problem; `readUserFunction` returns it. */
class Problem extends Error {}

const GENERIC_NAME = /^[A-Z][0-9]*$/;
const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KINDS = ['scalar', 'aggregate', 'table'] as const;

/** Reads one exported definition; `path` is recorded as its origin for DESCRIBE FUNCTION. */
export function readUserFunction(value: unknown, path: string): UserFunctionReading {
  try {
    return { ok: true, definition: toDefinition(value, path) };
  } catch (error) {
    if (error instanceof Problem) return { ok: false, problem: error.message };
    throw error;
  }
}

function toDefinition(value: unknown, path: string): FunctionDefinition {
  const fields = asFields(value, 'the export is not a function definition object');
  const name = requireString(fields, 'name', 'the function');
  if (!FUNCTION_NAME.test(name)) throw new Problem(`'${name}' is not a valid function name (letters, digits and _, not starting with a digit)`);
  const label = name.toUpperCase();
  const description = requireString(fields, 'description', label);
  const origin = { path, author: optionalString(fields, 'author', label), version: optionalString(fields, 'version', label) };
  const base = { name: label, description, origin };
  const signatures = signatureList(fields, label);
  switch (fields['kind']) {
    case 'scalar':
      return { ...base, type: 'SCALAR', category: 'OTHER', overloads: signatures.map((signature, index) => scalarOverload(fields, signature, `${label} signature ${index + 1}`)) };
    case 'table':
      return { ...base, type: 'TABLE', category: 'TABLE', overloads: signatures.map((signature, index) => tableOverload(fields, signature, label, `${label} signature ${index + 1}`)) };
    case 'aggregate':
      return { ...base, type: 'AGGREGATE', category: 'AGGREGATE', overloads: aggregateOverloads(fields, signatures, label) };
    default:
      throw new Problem(`${label}: kind must be one of ${KINDS.map((kind) => `'${kind}'`).join(', ')}, not ${describeValue(fields['kind'])}`);
  }
}

function signatureList(fields: Fields, label: string): Fields[] {
  const signatures = fields['signatures'];
  if (!Array.isArray(signatures) || signatures.length === 0) throw new Problem(`${label}: signatures must be a non-empty array`);
  return signatures.map((signature: unknown, index) => asFields(signature, `${label} signature ${index + 1} is not an object`));
}

/** The parts every kind of signature shares: its typed params and return type. */
function overloadSignature(signature: Fields, label: string): OverloadSignature {
  const paramTexts = signature['params'];
  if (!Array.isArray(paramTexts) || paramTexts.some((text) => typeof text !== 'string')) {
    throw new Problem(`${label}: params must be an array of SQL type texts, e.g. ['STRING', 'ARRAY<INT>']`);
  }
  const params = (paramTexts as string[]).map((text, index) => typePattern(text, `${label} param ${index + 1}`));
  const returnsText = requireString(signature, 'returns', label);
  const returns = typePattern(returnsText, `${label} return type`);
  checkReturnPattern(returns, params, returnsText, label);
  const paramNames = signature['paramNames'];
  if (paramNames !== undefined && (!Array.isArray(paramNames) || paramNames.length !== params.length || paramNames.some((name) => typeof name !== 'string'))) {
    throw new Problem(`${label}: paramNames must be an array of ${params.length} string(s), one per param`);
  }
  const description = optionalString(signature, 'description', label);
  return { params, returns, ...(paramNames === undefined ? {} : { paramNames: paramNames as string[] }), ...(description === undefined ? {} : { description }) };
}

function scalarOverload(fields: Fields, signature: Fields, label: string): ScalarOverload {
  const nulls = fields['nulls'] ?? 'nullOnNullArgs';
  if (nulls !== 'nullOnNullArgs' && nulls !== 'handlesNulls') {
    throw new Problem(`${label}: nulls must be 'nullOnNullArgs' or 'handlesNulls', not ${describeValue(nulls)}`);
  }
  const makeBody = scalarBodyFactory(fields, signature, label);
  return { ...overloadSignature(signature, label), variadic: optionalBoolean(signature, 'variadic', label) ?? false, nulls, create: makeBody };
}

/** The signature's own run/create, else the function's; `create` runs once per call site. */
function scalarBodyFactory(fields: Fields, signature: Fields, label: string): () => ScalarImplementation {
  const owner = signature['run'] !== undefined || signature['create'] !== undefined ? signature : fields;
  const run = owner['run'];
  const create = owner['create'];
  if (run !== undefined && create !== undefined) throw new Problem(`${label}: give run or create, not both`);
  if (typeof run === 'function') return () => run as ScalarImplementation;
  if (typeof create !== 'function') throw new Problem(`${label}: has no body: give run (a function) or create (a function returning one)`);
  return () => {
    const body: unknown = create();
    if (typeof body !== 'function') throw new PlanError(`${label}: create() returned ${describeValue(body)}, not a function`);
    return body as ScalarImplementation;
  };
}

function tableOverload(fields: Fields, signature: Fields, name: string, label: string): TableOverload {
  const run = signature['run'] ?? fields['run'];
  if (typeof run !== 'function') throw new Problem(`${label}: has no body: give run, a function returning an array`);
  const body = (...args: unknown[]): readonly unknown[] => {
    const values = guarded(name, () => (run as (...values: unknown[]) => unknown)(...args));
    if (!Array.isArray(values)) throw new EvaluationError(`Error computing ${name}: it returned ${describeValue(values)}, not an array`);
    return values;
  };
  return { ...overloadSignature(signature, label), variadic: optionalBoolean(signature, 'variadic', label) ?? false, create: () => body };
}

function aggregateOverloads(fields: Fields, signatures: readonly Fields[], label: string): AggregateOverload[] {
  const implementation = aggregateImplementation(fields, label);
  return signatures.map((signature, index) => {
    const signatureLabel = `${label} signature ${index + 1}`;
    if (signature['variadic'] !== undefined) throw new Problem(`${signatureLabel}: an aggregate cannot be variadic`);
    return { ...overloadSignature(signature, signatureLabel), create: () => implementation };
  });
}

/** The user's methods, each wrapped so that a throw names the function; undo and merge only when given. */
function aggregateImplementation(fields: Fields, label: string): AggregateImplementation {
  const method = (name: string, required: boolean): ((...args: unknown[]) => unknown) | undefined => {
    const value = fields[name];
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'function') throw new Problem(`${label}: ${name} must be a function${required ? '' : ' when given'}`);
    const call = value as (...args: unknown[]) => unknown;
    return (...args) => guarded(label, () => call.apply(fields, args));
  };
  const initialize = method('initialize', true)!;
  const aggregate = method('aggregate', true)!;
  const result = method('result', true)!;
  const undo = method('undo', false);
  const merge = method('merge', false);
  return {
    initialize: () => initialize(),
    aggregate: (accumulator, ...values) => aggregate(accumulator, ...values),
    result: (accumulator) => result(accumulator),
    ...(undo === undefined ? {} : { undo: (accumulator: unknown, ...values: unknown[]) => undo(accumulator, ...values) }),
    ...(merge === undefined ? {} : { merge: (left: unknown, right: unknown) => merge(left, right) }),
  };
}

/** Runs user code; what it throws becomes an EvaluationError naming the function. */
function guarded<Result>(name: string, run: () => Result): Result {
  try {
    return run();
  } catch (error) {
    if (error instanceof EvaluationError) throw error;
    throw new EvaluationError(`Error computing ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Parses SQL type text with the statement parser's type grammar, then maps it onto a pattern. */
function typePattern(text: string, label: string): TypePattern {
  const trimmed = text.trim();
  const special = specialPattern(trimmed.toUpperCase());
  if (special !== undefined) return special;
  let node: TypeNode;
  try {
    node = parseType(trimmed);
  } catch (error) {
    throw new Problem(`${label}: '${text}' is not a SQL type: ${oneLine((error as Error).message)}`);
  }
  return nodePattern(node, text, label);
}

function specialPattern(upper: string): TypePattern | undefined {
  if (upper === 'ANY') return { kind: 'any' };
  if (upper === 'STRUCT') return { kind: 'struct' };
  return undefined;
}

function nodePattern(node: TypeNode, text: string, label: string): TypePattern {
  switch (node.kind) {
    case 'ArrayType':
      return { kind: 'array', element: nodePattern(node.element, text, label) };
    case 'MapType':
      return { kind: 'map', key: nodePattern(node.key, text, label), value: nodePattern(node.value, text, label) };
    case 'CustomType': {
      const upper = node.name.toUpperCase();
      if (GENERIC_NAME.test(upper)) return { kind: 'var', name: upper };
      return specialPattern(upper) ?? unknownType(node.name, text, label);
    }
    default:
      try {
        return { kind: 'exact', type: resolveType(node) };
      } catch (error) {
        throw new Problem(`${label}: '${text}': ${(error as Error).message}`);
      }
  }
}

function unknownType(name: string, text: string, label: string): never {
  const where = name.toUpperCase() === text.trim().toUpperCase() ? '' : ` in '${text}'`;
  throw new Problem(
    `${label}: unknown type '${name}'${where} (types are SQL type names such as STRING, INT, ARRAY<BIGINT>, DECIMAL(10, 2); generics are single letters such as T)`,
  );
}

/** A return type must name one type once the params are matched: no ANY or STRUCT, no generic the params do not bind. */
function checkReturnPattern(returns: TypePattern, params: readonly TypePattern[], text: string, label: string): void {
  const bound = new Set(params.flatMap(genericNames));
  const unbound = genericNames(returns).filter((name) => !bound.has(name));
  if (unbound.length > 0) throw new Problem(`${label}: the return type '${text}' uses ${unbound.join(', ')}, which no param binds`);
  if (!namesOneType(returns)) throw new Problem(`${label}: the return type '${text}' must name one type (ANY and STRUCT only match arguments)`);
}

function genericNames(pattern: TypePattern): string[] {
  switch (pattern.kind) {
    case 'var':
      return [pattern.name];
    case 'array':
      return genericNames(pattern.element);
    case 'map':
      return [...genericNames(pattern.key), ...genericNames(pattern.value)];
    default:
      return [];
  }
}

function namesOneType(pattern: TypePattern): boolean {
  switch (pattern.kind) {
    case 'exact':
    case 'var':
      return true;
    case 'array':
      return namesOneType(pattern.element);
    case 'map':
      return namesOneType(pattern.key) && namesOneType(pattern.value);
    default:
      return false;
  }
}

function asFields(value: unknown, problem: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Problem(problem);
  return value as Fields;
}

function requireString(fields: Fields, key: string, label: string): string {
  const value = fields[key];
  if (typeof value !== 'string' || value.trim() === '') throw new Problem(`${label}: ${key} must be a non-empty string, not ${describeValue(value)}`);
  return value;
}

function optionalString(fields: Fields, key: string, label: string): string | undefined {
  const value = fields[key];
  if (value !== undefined && typeof value !== 'string') throw new Problem(`${label}: ${key} must be a string, not ${describeValue(value)}`);
  return value;
}

function optionalBoolean(fields: Fields, key: string, label: string): boolean | undefined {
  const value = fields[key];
  if (value !== undefined && typeof value !== 'boolean') throw new Problem(`${label}: ${key} must be true or false, not ${describeValue(value)}`);
  return value;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'function') return 'a function';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ');
}
