// The FunctionRegistry: function definitions by name, and overload resolution with generics and widening.
import type { Span } from '../../parser/ast.js';
import { closestName } from '../expression/closest-name.js';
import { PlanError } from '../plan-error.js';
import { asDecimalType, canWiden, isNumeric, widerNumeric } from '../type-rules.js';
import { formatType, SqlTypes, typesEqual, type SqlType } from '../types.js';
import type {
  AggregateOverload,
  FunctionDefinition,
  OverloadSignature,
  ScalarOverload,
  TableOverload,
  TypeBindings,
  TypePattern,
} from './registry-types.js';

/** A lambda argument: its arity, and how to type its body once its parameter types are known. */
export interface LambdaArgument {
  readonly kind: 'lambda';
  readonly arity: number;
  /** Compiles the body with these parameter types and returns its type; throws PlanError when it does not type. */
  readonly bodyType: (paramTypes: readonly SqlType[]) => SqlType | null;
}

/** A bare time unit argument (`SECONDS`). */
export interface TimeUnitArgument {
  readonly kind: 'timeUnit';
}

/** What the caller knows about one argument; null is the type of the NULL literal. */
export type ArgumentType = SqlType | null | LambdaArgument | TimeUnitArgument;

/** Aggregates never repeat their last parameter, so for them `variadic` is always absent. */
type OverloadShape = OverloadSignature & { readonly variadic?: boolean };

export interface ResolvedOverload<Overload> {
  readonly definition: FunctionDefinition;
  readonly overload: Overload;
  /**
   * The type each argument must be converted to before the call (the caller inserts widening
   * casts). At a lambda position it is the lambda body's type; at a time unit position, STRING.
   */
  readonly argTypes: readonly SqlType[];
  /** The parameter types of the lambda at each position; undefined at other positions. */
  readonly lambdaParamTypes: readonly (readonly SqlType[] | undefined)[];
  readonly returnType: SqlType;
  readonly bindings: TypeBindings;
}

export class FunctionRegistry {
  private readonly definitions = new Map<string, FunctionDefinition>();

  /** Adds a definition; a second definition with the same name is a programming error. */
  register(definition: FunctionDefinition): void {
    const name = definition.name.toUpperCase();
    if (this.definitions.has(name)) throw new Error(`FunctionRegistry: function ${name} is registered twice`);
    this.definitions.set(name, definition);
  }

  get(name: string): FunctionDefinition | undefined {
    return this.definitions.get(name.toUpperCase());
  }

  list(): FunctionDefinition[] {
    return [...this.definitions.values()].sort((left, right) => left.name.localeCompare(right.name));
  }

  resolveScalar(name: string, args: readonly ArgumentType[], span?: Span): ResolvedOverload<ScalarOverload> {
    const definition = this.require(name, span);
    if (definition.type !== 'SCALAR') throw wrongKind(definition, 'a scalar', span);
    return resolveOverload(definition, definition.overloads, args, span);
  }

  resolveAggregate(name: string, args: readonly ArgumentType[], span?: Span): ResolvedOverload<AggregateOverload> {
    const definition = this.require(name, span);
    if (definition.type !== 'AGGREGATE') throw wrongKind(definition, 'an aggregate', span);
    return resolveOverload(definition, definition.overloads, args, span);
  }

  resolveTable(name: string, args: readonly ArgumentType[], span?: Span): ResolvedOverload<TableOverload> {
    const definition = this.require(name, span);
    if (definition.type !== 'TABLE') throw wrongKind(definition, 'a table', span);
    return resolveOverload(definition, definition.overloads, args, span);
  }

  private require(name: string, span: Span | undefined): FunctionDefinition {
    const definition = this.get(name);
    if (definition !== undefined) return definition;
    const suggestion = closestName(name, [...this.definitions.keys()]);
    const hint = suggestion === undefined ? '' : ` Did you mean '${suggestion}'?`;
    throw new PlanError(`Can't find any functions with the name '${name}'.${hint}`, span, 'NOT_FOUND');
  }
}

function wrongKind(definition: FunctionDefinition, wanted: string, span: Span | undefined): PlanError {
  return new PlanError(`Function '${definition.name}' is not ${wanted} function`, span);
}

interface Match<Overload> {
  readonly resolved: ResolvedOverload<Overload>;
  readonly widenings: number;
  readonly genericParams: number;
}

/**
 * ksqlDB's choice: an overload that takes the arguments as they are wins (fewest generic
 * parameters first); otherwise the only overload that takes them after implicit widening.
 * Two equally good candidates are ambiguous, as GREATEST(INTEGER, BIGINT) is in ksqlDB.
 */
function resolveOverload<Overload extends OverloadShape>(
  definition: FunctionDefinition,
  overloads: readonly Overload[],
  args: readonly ArgumentType[],
  span: Span | undefined,
): ResolvedOverload<Overload> {
  const failures: PlanError[] = [];
  const matches = overloads.flatMap((overload) => {
    try {
      const match = matchOverload(definition, overload, args);
      return match === undefined ? [] : [match];
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      failures.push(error);
      return [];
    }
  });
  const exact = matches.filter((match) => match.widenings === 0);
  const pool = exact.length > 0 ? exact : matches;
  const fewestGenerics = Math.min(...pool.map((match) => match.genericParams));
  const best = pool.filter((match) => match.genericParams === fewestGenerics);
  if (best.length === 1) return best[0]!.resolved;
  if (best.length > 1) {
    throw new PlanError(
      `Function '${definition.name.toLowerCase()}' cannot be resolved due to ambiguous method parameters (${formatArguments(args)}).`,
      span,
    );
  }
  if (failures.length > 0) throw failures[0]!;
  throw new PlanError(
    `Function '${definition.name.toLowerCase()}' does not accept parameters (${formatArguments(args)}).\n` +
      `Valid alternatives are:\n${overloads.map((overload) => formatSignature(definition.name, overload)).join('\n')}`,
    span,
  );
}

/** The parameter pattern for each argument position, or undefined when the arity does not fit. */
function expandParams(overload: OverloadShape, count: number): readonly TypePattern[] | undefined {
  const params = overload.params;
  if (!overload.variadic) return params.length === count ? params : undefined;
  if (count < params.length - 1) return undefined;
  const repeated = params[params.length - 1]!;
  return [...params.slice(0, -1), ...Array.from({ length: count - params.length + 1 }, () => repeated)];
}

class Matcher {
  readonly bindings = new Map<string, SqlType>();
  widenings = 0;

  /** Matches an actual type against a pattern, binding generics and counting implicit widenings. */
  matches(pattern: TypePattern, actual: SqlType): boolean {
    switch (pattern.kind) {
      case 'exact':
        return this.matchesExact(pattern.type, actual);
      case 'any':
        return true;
      case 'var':
        return this.matchesVariable(pattern.name, actual);
      case 'numeric':
        return isNumeric(actual);
      case 'decimal':
        if (actual.kind === 'DECIMAL') return true;
        return this.widened(actual.kind === 'INTEGER' || actual.kind === 'BIGINT');
      case 'array':
        return actual.kind === 'ARRAY' && this.matches(pattern.element, actual.element);
      case 'map':
        return actual.kind === 'MAP' && this.matches(pattern.key, actual.key) && this.matches(pattern.value, actual.value);
      case 'struct':
        return actual.kind === 'STRUCT';
      case 'lambda':
      case 'timeUnit':
        return false;
    }
  }

  private matchesExact(expected: SqlType, actual: SqlType): boolean {
    if (typesEqual(expected, actual)) return true;
    if (expected.kind === 'DECIMAL' && actual.kind === 'DECIMAL') return true;
    return this.widened(canWiden(actual, expected));
  }

  private matchesVariable(name: string, actual: SqlType): boolean {
    const bound = this.bindings.get(name);
    if (bound === undefined || typesEqual(bound, actual)) {
      this.bindings.set(name, actual);
      return true;
    }
    if (bound.kind === 'DECIMAL' && actual.kind === 'DECIMAL') {
      this.bindings.set(name, widerNumeric(bound, actual));
      return true;
    }
    // An integer meeting a DECIMAL needs a DECIMAL that holds both: COALESCE(INTEGER, 2.5) is
    // DECIMAL(11, 1), as DECIMAL(2, 1) could not hold the integer's values.
    if (isIntegerDecimalPair(bound, actual)) {
      this.bindings.set(name, widerNumeric(bound, actual));
      return this.widened(true);
    }
    if (canWiden(actual, bound)) return this.widened(true);
    if (canWiden(bound, actual)) {
      this.bindings.set(name, actual);
      return this.widened(true);
    }
    return false;
  }

  private widened(allowed: boolean): boolean {
    if (allowed) this.widenings++;
    return allowed;
  }
}

function isIntegerDecimalPair(left: SqlType, right: SqlType): boolean {
  const isInteger = (type: SqlType) => type.kind === 'INTEGER' || type.kind === 'BIGINT';
  return (left.kind === 'DECIMAL' && isInteger(right)) || (isInteger(left) && right.kind === 'DECIMAL');
}

function matchOverload<Overload extends OverloadShape>(
  definition: FunctionDefinition,
  overload: Overload,
  args: readonly ArgumentType[],
): Match<Overload> | undefined {
  const params = expandParams(overload, args.length);
  if (params === undefined) return undefined;
  const matcher = new Matcher();
  const lambdaParamTypes: (readonly SqlType[] | undefined)[] = [];
  const lambdaBodyTypes = new Map<number, SqlType>();
  for (const [position, pattern] of params.entries()) {
    const arg = args[position]!;
    lambdaParamTypes.push(undefined);
    if (arg === null) {
      if (pattern.kind === 'lambda' || pattern.kind === 'timeUnit') return undefined;
    } else if (arg.kind === 'timeUnit') {
      if (pattern.kind !== 'timeUnit') return undefined;
    } else if (arg.kind === 'lambda') {
      const lambda = matchLambda(matcher, pattern, arg);
      if (lambda === undefined) return undefined;
      lambdaParamTypes[position] = lambda.paramTypes;
      lambdaBodyTypes.set(position, lambda.bodyType);
    } else if (!matcher.matches(pattern, arg)) return undefined;
  }
  const argTypes = params.map((pattern, position) => {
    const arg = args[position]!;
    if (arg !== null && arg.kind === 'timeUnit') return SqlTypes.STRING;
    return lambdaBodyTypes.get(position) ?? concreteType(pattern, arg as SqlType | null, matcher.bindings);
  });
  const returnType = resolveReturnType(definition, overload, argTypes, matcher.bindings);
  return {
    resolved: { definition, overload, argTypes, lambdaParamTypes, returnType, bindings: matcher.bindings },
    widenings: matcher.widenings,
    genericParams: overload.params.filter(isGeneric).length,
  };
}

function matchLambda(
  matcher: Matcher,
  pattern: TypePattern,
  arg: LambdaArgument,
): { paramTypes: readonly SqlType[]; bodyType: SqlType } | undefined {
  if (pattern.kind !== 'lambda' || pattern.params.length !== arg.arity) return undefined;
  const paramTypes = pattern.params.map((param) => resolvePattern(param, matcher.bindings));
  if (paramTypes.some((type) => type === undefined)) return undefined;
  const bodyType = arg.bodyType(paramTypes as SqlType[]);
  if (bodyType === null) {
    const resultType = resolvePattern(pattern.result, matcher.bindings);
    return resultType === undefined ? undefined : { paramTypes: paramTypes as SqlType[], bodyType: resultType };
  }
  if (!matcher.matches(pattern.result, bodyType)) return undefined;
  return { paramTypes: paramTypes as SqlType[], bodyType };
}

function isGeneric(pattern: TypePattern): boolean {
  switch (pattern.kind) {
    case 'var':
    case 'any':
      return true;
    case 'array':
      return isGeneric(pattern.element);
    case 'map':
      return isGeneric(pattern.key) || isGeneric(pattern.value);
    case 'lambda':
      return pattern.params.some(isGeneric) || isGeneric(pattern.result);
    default:
      return false;
  }
}

/** The type a pattern denotes under the bindings, or undefined when it does not name one type. */
function resolvePattern(pattern: TypePattern, bindings: TypeBindings): SqlType | undefined {
  switch (pattern.kind) {
    case 'exact':
      return pattern.type;
    case 'var':
      return bindings.get(pattern.name);
    case 'array': {
      const element = resolvePattern(pattern.element, bindings);
      return element === undefined ? undefined : SqlTypes.array(element);
    }
    case 'map': {
      const key = resolvePattern(pattern.key, bindings);
      const value = resolvePattern(pattern.value, bindings);
      return key === undefined || value === undefined ? undefined : SqlTypes.map(key, value);
    }
    default:
      return undefined;
  }
}

/** What an argument is converted to: the pattern's type where it names one, else the argument's own type. */
function concreteType(pattern: TypePattern, actual: SqlType | null, bindings: TypeBindings): SqlType {
  if (actual === null) return resolvePattern(pattern, bindings) ?? SqlTypes.STRING;
  switch (pattern.kind) {
    case 'exact':
      return pattern.type.kind === 'DECIMAL' && actual.kind === 'DECIMAL' ? actual : pattern.type;
    case 'var':
      return bindings.get(pattern.name) ?? actual;
    case 'decimal': {
      const decimal = asDecimalType(actual);
      return SqlTypes.decimal(decimal.precision, decimal.scale);
    }
    case 'array':
      return actual.kind === 'ARRAY' ? SqlTypes.array(concreteType(pattern.element, actual.element, bindings)) : actual;
    case 'map':
      return actual.kind === 'MAP'
        ? SqlTypes.map(concreteType(pattern.key, actual.key, bindings), concreteType(pattern.value, actual.value, bindings))
        : actual;
    default:
      return actual;
  }
}

function resolveReturnType(
  definition: FunctionDefinition,
  overload: OverloadShape,
  argTypes: readonly SqlType[],
  bindings: TypeBindings,
): SqlType {
  if (typeof overload.returns === 'function') return overload.returns(argTypes, bindings);
  const type = resolvePattern(overload.returns, bindings);
  if (type === undefined) {
    throw new PlanError(`Cannot infer the return type of ${definition.name}(${argTypes.map(formatType).join(', ')})`);
  }
  return type;
}

function formatArguments(args: readonly ArgumentType[]): string {
  return args
    .map((arg) => {
      if (arg === null) return 'null';
      if (arg.kind === 'lambda') return 'LAMBDA';
      if (arg.kind === 'timeUnit') return 'TIME UNIT';
      return formatType(arg);
    })
    .join(', ');
}

/** `explode(ARRAY<T> list)`, `concat(STRING...)` for the list of valid alternatives. */
function formatSignature(name: string, overload: OverloadShape): string {
  const params = overload.params.map((param, position) => {
    const text = formatPattern(param);
    const typeText = overload.variadic && position === overload.params.length - 1 ? `${text}...` : text;
    const paramName = overload.paramNames?.[position];
    return paramName === undefined ? typeText : `${typeText} ${paramName}`;
  });
  return `${name.toLowerCase()}(${params.join(', ')})`;
}

export function formatPattern(pattern: TypePattern): string {
  switch (pattern.kind) {
    case 'exact':
      return formatType(pattern.type);
    case 'any':
      return 'ANY';
    case 'var':
      return pattern.name;
    case 'numeric':
      return 'NUMERIC';
    case 'decimal':
      return 'DECIMAL';
    case 'array':
      return `ARRAY<${formatPattern(pattern.element)}>`;
    case 'map':
      return `MAP<${formatPattern(pattern.key)}, ${formatPattern(pattern.value)}>`;
    case 'struct':
      return 'STRUCT';
    case 'lambda':
      return `LAMBDA (${pattern.params.map(formatPattern).join(', ')}) => ${formatPattern(pattern.result)}`;
    case 'timeUnit':
      return 'TIME UNIT';
  }
}
