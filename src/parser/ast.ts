// The typed AST: what the parser produces and the planner consumes. No semantics live here.
//
// Every node is a readonly discriminated union member on `kind` and carries the source span
// of the text it was parsed from, so that any later error can point at line and column.
// Identifiers are already normalised: unquoted ones upper-cased, quoted ones kept as written.

/** Where a node came from in the statement text (defined below the parser, with the errors that carry it). */
import type { Span } from '../errors/index.js';
export type { Span };

// ───────────────────────────── types ─────────────────────────────

export type TypeNode =
  | PrimitiveTypeNode
  | DecimalTypeNode
  | ArrayTypeNode
  | MapTypeNode
  | StructTypeNode
  | CustomTypeNode;

export type PrimitiveTypeName =
  | 'BOOLEAN'
  | 'INTEGER'
  | 'BIGINT'
  | 'DOUBLE'
  | 'STRING'
  | 'BYTES'
  | 'DATE'
  | 'TIME'
  | 'TIMESTAMP';

/** INT is parsed as INTEGER, VARCHAR as STRING. */
export interface PrimitiveTypeNode {
  readonly kind: 'PrimitiveType';
  readonly name: PrimitiveTypeName;
  readonly span: Span;
}
export interface DecimalTypeNode {
  readonly kind: 'DecimalType';
  readonly precision: number;
  readonly scale: number;
  readonly span: Span;
}
export interface ArrayTypeNode {
  readonly kind: 'ArrayType';
  readonly element: TypeNode;
  readonly span: Span;
}
export interface MapTypeNode {
  readonly kind: 'MapType';
  readonly key: TypeNode;
  readonly value: TypeNode;
  readonly span: Span;
}
export interface StructTypeNode {
  readonly kind: 'StructType';
  readonly fields: readonly { readonly name: string; readonly type: TypeNode }[];
  readonly span: Span;
}
/** A name that is not a built-in type: resolved against CREATE TYPE definitions by the planner. */
export interface CustomTypeNode {
  readonly kind: 'CustomType';
  readonly name: string;
  readonly span: Span;
}

// ─────────────────────────── expressions ───────────────────────────

export type Expression =
  | NullLiteral
  | BooleanLiteral
  | IntegerLiteral
  | DecimalLiteral
  | DoubleLiteral
  | StringLiteral
  | TypedLiteral
  | ColumnRef
  | Dereference
  | Subscript
  | StructAll
  | ArithmeticUnary
  | ArithmeticBinary
  | Concat
  | Comparison
  | IsDistinctFrom
  | LogicalBinary
  | Not
  | IsNull
  | Between
  | InList
  | Like
  | SearchedCase
  | SimpleCase
  | Cast
  | ArrayConstructor
  | MapConstructor
  | StructConstructor
  | FunctionCall
  | Lambda
  | LambdaVariable
  | AtTimeZone
  | IntervalUnitArg;

export interface NullLiteral {
  readonly kind: 'NullLiteral';
  readonly span: Span;
}
export interface BooleanLiteral {
  readonly kind: 'BooleanLiteral';
  readonly value: boolean;
  readonly span: Span;
}
/** An integer literal; `text` is the exact digits. The planner types it INTEGER if it fits in 32 bits, else BIGINT. */
export interface IntegerLiteral {
  readonly kind: 'IntegerLiteral';
  readonly text: string;
  readonly span: Span;
}
/** `1.5`, `.5`: a DECIMAL literal whose precision and scale come from the text. */
export interface DecimalLiteral {
  readonly kind: 'DecimalLiteral';
  readonly text: string;
  readonly span: Span;
}
/** `1E0`, `1.5e-3`: a DOUBLE literal. */
export interface DoubleLiteral {
  readonly kind: 'DoubleLiteral';
  readonly text: string;
  readonly span: Span;
}
/** `'it''s'` is `it's`. */
export interface StringLiteral {
  readonly kind: 'StringLiteral';
  readonly value: string;
  readonly span: Span;
}
/** `DATE '2020-01-01'`, `TIMESTAMP '...'`, `TIME '...'`, `BYTES '...'`… : a type name before a string. */
export interface TypedLiteral {
  readonly kind: 'TypedLiteral';
  readonly typeName: string;
  readonly value: string;
  readonly span: Span;
}
/** `col` or `source.col`; `source` is the alias or source name when qualified. */
export interface ColumnRef {
  readonly kind: 'ColumnRef';
  readonly source: string | undefined;
  readonly name: string;
  readonly span: Span;
}
/** `base->field` */
export interface Dereference {
  readonly kind: 'Dereference';
  readonly base: Expression;
  readonly field: string;
  readonly span: Span;
}
/** `base[index]`: array (1-based, negative from the end) or map lookup. */
export interface Subscript {
  readonly kind: 'Subscript';
  readonly base: Expression;
  readonly index: Expression;
  readonly span: Span;
}
/** `struct->*` in a select list. */
export interface StructAll {
  readonly kind: 'StructAll';
  readonly base: Expression;
  readonly span: Span;
}
export interface ArithmeticUnary {
  readonly kind: 'ArithmeticUnary';
  readonly operator: '+' | '-';
  readonly operand: Expression;
  readonly span: Span;
}
export interface ArithmeticBinary {
  readonly kind: 'ArithmeticBinary';
  readonly operator: '+' | '-' | '*' | '/' | '%';
  readonly left: Expression;
  readonly right: Expression;
  readonly span: Span;
}
/** `a || b` */
export interface Concat {
  readonly kind: 'Concat';
  readonly left: Expression;
  readonly right: Expression;
  readonly span: Span;
}
export type ComparisonOperator = '=' | '<>' | '<' | '<=' | '>' | '>=';
/** `!=` is parsed as `<>`. */
export interface Comparison {
  readonly kind: 'Comparison';
  readonly operator: ComparisonOperator;
  readonly left: Expression;
  readonly right: Expression;
  readonly span: Span;
}
/** `a IS [NOT] DISTINCT FROM b` */
export interface IsDistinctFrom {
  readonly kind: 'IsDistinctFrom';
  readonly negated: boolean;
  readonly left: Expression;
  readonly right: Expression;
  readonly span: Span;
}
export interface LogicalBinary {
  readonly kind: 'LogicalBinary';
  readonly operator: 'AND' | 'OR';
  readonly left: Expression;
  readonly right: Expression;
  readonly span: Span;
}
export interface Not {
  readonly kind: 'Not';
  readonly operand: Expression;
  readonly span: Span;
}
/** `x IS [NOT] NULL` */
export interface IsNull {
  readonly kind: 'IsNull';
  readonly negated: boolean;
  readonly operand: Expression;
  readonly span: Span;
}
export interface Between {
  readonly kind: 'Between';
  readonly negated: boolean;
  readonly value: Expression;
  readonly lower: Expression;
  readonly upper: Expression;
  readonly span: Span;
}
export interface InList {
  readonly kind: 'InList';
  readonly negated: boolean;
  readonly value: Expression;
  readonly list: readonly Expression[];
  readonly span: Span;
}
export interface Like {
  readonly kind: 'Like';
  readonly negated: boolean;
  readonly value: Expression;
  readonly pattern: Expression;
  readonly escape: string | undefined;
  readonly span: Span;
}
export interface WhenClause {
  readonly condition: Expression;
  readonly result: Expression;
  readonly span: Span;
}
/** `CASE WHEN cond THEN r ... [ELSE e] END` */
export interface SearchedCase {
  readonly kind: 'SearchedCase';
  readonly whens: readonly WhenClause[];
  readonly otherwise: Expression | undefined;
  readonly span: Span;
}
/** `CASE operand WHEN v THEN r ... [ELSE e] END` */
export interface SimpleCase {
  readonly kind: 'SimpleCase';
  readonly operand: Expression;
  readonly whens: readonly WhenClause[];
  readonly otherwise: Expression | undefined;
  readonly span: Span;
}
export interface Cast {
  readonly kind: 'Cast';
  readonly operand: Expression;
  readonly type: TypeNode;
  readonly span: Span;
}
/** `ARRAY[a, b]` */
export interface ArrayConstructor {
  readonly kind: 'ArrayConstructor';
  readonly elements: readonly Expression[];
  readonly span: Span;
}
/** `MAP(k := v, ...)` */
export interface MapConstructor {
  readonly kind: 'MapConstructor';
  readonly entries: readonly { readonly key: Expression; readonly value: Expression }[];
  readonly span: Span;
}
/** `STRUCT(name := v, ...)`; names are normalised identifiers. */
export interface StructConstructor {
  readonly kind: 'StructConstructor';
  readonly fields: readonly { readonly name: string; readonly value: Expression }[];
  readonly span: Span;
}
/** `fn(args)`; `fn(*)` has `star: true` and no args. `name` is upper-cased. */
export interface FunctionCall {
  readonly kind: 'FunctionCall';
  readonly name: string;
  readonly args: readonly Expression[];
  readonly star: boolean;
  readonly span: Span;
}
/** `x => body` or `(x, y) => body`; parameter names are normalised identifiers. */
export interface Lambda {
  readonly kind: 'Lambda';
  readonly params: readonly string[];
  readonly body: Expression;
  readonly span: Span;
}
/**
 * A bare identifier inside a lambda body that names one of the enclosing lambdas' parameters.
 * The parser emits this instead of a ColumnRef because it knows the lambda scope.
 */
export interface LambdaVariable {
  readonly kind: 'LambdaVariable';
  readonly name: string;
  readonly span: Span;
}
/** `v AT TIME ZONE 'tz'` */
export interface AtTimeZone {
  readonly kind: 'AtTimeZone';
  readonly value: Expression;
  readonly zone: string;
  readonly span: Span;
}
/** A bare time unit passed as a function argument: `TIMESTAMPADD(SECONDS, 5, ts)`. */
export interface IntervalUnitArg {
  readonly kind: 'IntervalUnitArg';
  readonly unit: TimeUnit;
  readonly span: Span;
}

export type TimeUnit = 'DAYS' | 'HOURS' | 'MINUTES' | 'SECONDS' | 'MILLISECONDS' | 'MICROSECONDS' | 'NANOSECONDS';

/** `5 SECONDS`, `1 HOUR`: singular and plural units are both normalised to the plural. */
export interface Duration {
  readonly value: number;
  readonly unit: TimeUnit;
  readonly span: Span;
}

// ───────────────────────────── queries ─────────────────────────────

export type SelectItem =
  | { readonly kind: 'SelectExpression'; readonly expression: Expression; readonly alias: string | undefined; readonly span: Span }
  | { readonly kind: 'SelectAll'; readonly source: string | undefined; readonly span: Span };

export interface AliasedSource {
  readonly name: string;
  readonly alias: string | undefined;
  readonly span: Span;
}

export type JoinType = 'INNER' | 'LEFT' | 'RIGHT' | 'FULL';

export interface WithinClause {
  readonly before: Duration;
  readonly after: Duration;
  readonly grace: Duration | undefined;
  readonly span: Span;
}

export interface JoinClause {
  readonly type: JoinType;
  readonly right: AliasedSource;
  readonly within: WithinClause | undefined;
  readonly on: Expression;
  readonly span: Span;
}

export interface Relation {
  readonly from: AliasedSource;
  readonly joins: readonly JoinClause[];
  readonly span: Span;
}

/** Beyond ksqlDB: `TIME ZONE 'Europe/Paris'` aligns tumbling and hopping windows to that zone's wall clock. */
export interface WindowTimeZone {
  readonly name: string;
  readonly span: Span;
}

export type WindowExpression =
  | {
      readonly kind: 'TumblingWindow';
      readonly size: Duration;
      readonly retention: Duration | undefined;
      readonly grace: Duration | undefined;
      readonly timeZone: WindowTimeZone | undefined;
      readonly span: Span;
    }
  | {
      readonly kind: 'HoppingWindow';
      readonly size: Duration;
      readonly advance: Duration;
      readonly retention: Duration | undefined;
      readonly grace: Duration | undefined;
      readonly timeZone: WindowTimeZone | undefined;
      readonly span: Span;
    }
  | {
      readonly kind: 'SessionWindow';
      readonly gap: Duration;
      readonly retention: Duration | undefined;
      readonly grace: Duration | undefined;
      readonly timeZone: WindowTimeZone | undefined;
      readonly span: Span;
    };

/** `EMIT CHANGES` / `EMIT FINAL`, or none (a pull query when run as a bare SELECT). */
export type EmitMode = 'CHANGES' | 'FINAL' | undefined;

export interface Query {
  readonly kind: 'Query';
  readonly select: readonly SelectItem[];
  readonly from: Relation;
  readonly window: WindowExpression | undefined;
  readonly where: Expression | undefined;
  readonly groupBy: readonly Expression[] | undefined;
  readonly partitionBy: readonly Expression[] | undefined;
  readonly having: Expression | undefined;
  readonly emit: EmitMode;
  readonly limit: number | undefined;
  readonly span: Span;
}

// ─────────────────────────── statements ───────────────────────────

/** A WITH property value: string, number or boolean literal, kept as written. */
export type PropertyValue =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'boolean'; readonly value: boolean };

/** WITH (...) properties; names upper-cased. Order kept. */
export interface Properties {
  readonly entries: readonly { readonly name: string; readonly value: PropertyValue; readonly span: Span }[];
  readonly span: Span;
}

export type ColumnConstraint =
  | { readonly kind: 'None' }
  | { readonly kind: 'Key' }
  | { readonly kind: 'PrimaryKey' }
  | { readonly kind: 'Headers' }
  | { readonly kind: 'Header'; readonly key: string };

export interface ColumnDefinition {
  readonly name: string;
  readonly type: TypeNode;
  readonly constraint: ColumnConstraint;
  readonly span: Span;
}

export type SourceType = 'STREAM' | 'TABLE';

export interface CreateSource {
  readonly kind: 'CreateSource';
  readonly sourceType: SourceType;
  readonly name: string;
  readonly orReplace: boolean;
  readonly ifNotExists: boolean;
  /** `CREATE SOURCE STREAM|TABLE`: read-only, materialised source. */
  readonly isSource: boolean;
  readonly columns: readonly ColumnDefinition[];
  readonly properties: Properties | undefined;
  readonly span: Span;
}

export interface CreateAsSelect {
  readonly kind: 'CreateAsSelect';
  readonly sourceType: SourceType;
  readonly name: string;
  readonly orReplace: boolean;
  readonly ifNotExists: boolean;
  readonly properties: Properties | undefined;
  readonly query: Query;
  readonly span: Span;
}

export interface InsertInto {
  readonly kind: 'InsertInto';
  readonly target: string;
  readonly targetSpan: Span;
  readonly properties: Properties | undefined;
  readonly query: Query;
  readonly span: Span;
}

export interface InsertValues {
  readonly kind: 'InsertValues';
  readonly target: string;
  readonly targetSpan: Span;
  /** Empty when no column list was given. */
  readonly columns: readonly string[];
  readonly values: readonly Expression[];
  readonly span: Span;
}

export interface Select {
  readonly kind: 'Select';
  readonly query: Query;
  readonly span: Span;
}

export interface DropSource {
  readonly kind: 'DropSource';
  readonly sourceType: SourceType;
  readonly name: string;
  readonly ifExists: boolean;
  readonly deleteTopic: boolean;
  readonly span: Span;
}

export interface DropType {
  readonly kind: 'DropType';
  readonly name: string;
  readonly ifExists: boolean;
  readonly span: Span;
}

export interface CreateType {
  readonly kind: 'CreateType';
  readonly name: string;
  readonly ifNotExists: boolean;
  readonly type: TypeNode;
  readonly span: Span;
}

/** `TERMINATE id` or `TERMINATE ALL` (`queryId` undefined). */
export interface Terminate {
  readonly kind: 'Terminate';
  readonly queryId: string | undefined;
  readonly span: Span;
}

export type ShowWhat =
  | 'STREAMS'
  | 'TABLES'
  | 'QUERIES'
  | 'TOPICS'
  | 'PROPERTIES'
  | 'FUNCTIONS'
  | 'TYPES'
  | 'VARIABLES'
  | 'CONNECTORS';

/** `SHOW|LIST ...`; `all` is `SHOW ALL TOPICS`. */
export interface Show {
  readonly kind: 'Show';
  readonly what: ShowWhat;
  readonly extended: boolean;
  readonly all: boolean;
  readonly span: Span;
}

/** `DESCRIBE name [EXTENDED]` and `DESCRIBE STREAMS|TABLES [EXTENDED]` (`name` undefined, `what` set). */
export interface Describe {
  readonly kind: 'Describe';
  readonly name: string | undefined;
  readonly what: 'STREAMS' | 'TABLES' | undefined;
  readonly extended: boolean;
  readonly span: Span;
}

export interface DescribeFunction {
  readonly kind: 'DescribeFunction';
  readonly name: string;
  readonly span: Span;
}

/** `EXPLAIN statement` or `EXPLAIN queryId`. */
export interface Explain {
  readonly kind: 'Explain';
  readonly statement: Statement | undefined;
  readonly queryId: string | undefined;
  readonly span: Span;
}

export interface Print {
  readonly kind: 'Print';
  readonly topic: string;
  readonly fromBeginning: boolean;
  readonly interval: number | undefined;
  readonly limit: number | undefined;
  readonly span: Span;
}

export interface SetProperty {
  readonly kind: 'SetProperty';
  readonly name: string;
  readonly value: string;
  readonly span: Span;
}

export interface UnsetProperty {
  readonly kind: 'UnsetProperty';
  readonly name: string;
  readonly span: Span;
}

export interface DefineVariable {
  readonly kind: 'DefineVariable';
  readonly name: string;
  readonly value: string;
  readonly span: Span;
}

export interface UndefineVariable {
  readonly kind: 'UndefineVariable';
  readonly name: string;
  readonly span: Span;
}

export interface RunScript {
  readonly kind: 'RunScript';
  readonly path: string;
  readonly span: Span;
}

/** `ALTER STREAM|TABLE name ADD COLUMN c t, ...` */
export interface AlterSource {
  readonly kind: 'AlterSource';
  readonly sourceType: SourceType;
  readonly name: string;
  readonly columns: readonly ColumnDefinition[];
  readonly span: Span;
}

/** `PAUSE id|ALL`, `RESUME id|ALL` */
export interface PauseResume {
  readonly kind: 'PauseResume';
  readonly action: 'PAUSE' | 'RESUME';
  readonly queryId: string | undefined;
  readonly span: Span;
}

/**
 * A statement the grammar recognises but Squall cannot run (connectors, ASSERT, ALTER SYSTEM):
 * parsed so that the user gets "not supported yet" rather than a syntax error.
 */
export interface Unsupported {
  readonly kind: 'Unsupported';
  readonly what: string;
  readonly span: Span;
}

export type Statement =
  | CreateSource
  | CreateAsSelect
  | InsertInto
  | InsertValues
  | Select
  | DropSource
  | CreateType
  | DropType
  | Terminate
  | Show
  | Describe
  | DescribeFunction
  | Explain
  | Print
  | SetProperty
  | UnsetProperty
  | DefineVariable
  | UndefineVariable
  | RunScript
  | AlterSource
  | PauseResume
  | Unsupported;

/** One statement with its exact source text (trimmed, including the trailing `;` if any). */
export interface ParsedStatement {
  readonly statement: Statement;
  readonly text: string;
}
