// The CST node types, generated from grammar.ts by test/parser/cst-types.test.ts: do not edit, regenerate.
import type { CstNode, IToken } from "chevrotain";

export interface SingleStatementCstNode extends CstNode {
  name: "singleStatement";
  children: SingleStatementCstChildren;
}

export type SingleStatementCstChildren = {
  statement: StatementCstNode[];
  Semicolon?: IToken[];
};

export interface StatementCstNode extends CstNode {
  name: "statement";
  children: StatementCstChildren;
}

export type StatementCstChildren = {
  query?: QueryCstNode[];
  createStatement?: CreateStatementCstNode[];
  insertStatement?: InsertStatementCstNode[];
  dropStatement?: DropStatementCstNode[];
  showStatement?: ShowStatementCstNode[];
  describeStatement?: DescribeStatementCstNode[];
  explainStatement?: ExplainStatementCstNode[];
  printStatement?: PrintStatementCstNode[];
  terminateStatement?: TerminateStatementCstNode[];
  pauseResumeStatement?: PauseResumeStatementCstNode[];
  setStatement?: SetStatementCstNode[];
  unsetStatement?: UnsetStatementCstNode[];
  defineStatement?: DefineStatementCstNode[];
  undefineStatement?: UndefineStatementCstNode[];
  runScriptStatement?: RunScriptStatementCstNode[];
  alterStatement?: AlterStatementCstNode[];
};

export interface CreateStatementCstNode extends CstNode {
  name: "createStatement";
  children: CreateStatementCstChildren;
}

export type CreateStatementCstChildren = {
  CREATE: IToken[];
  orReplace?: IToken[];
  REPLACE?: IToken[];
  createType?: CreateTypeCstNode[];
  createSource?: CreateSourceCstNode[];
};

export interface CreateTypeCstNode extends CstNode {
  name: "createType";
  children: CreateTypeCstChildren;
}

export type CreateTypeCstChildren = {
  TYPE: IToken[];
  ifNotExists?: IfNotExistsCstNode[];
  name: IdentifierCstNode[];
  AS: IToken[];
  type: TypeCstNode[];
};

export interface CreateSourceCstNode extends CstNode {
  name: "createSource";
  children: CreateSourceCstChildren;
}

export type CreateSourceCstChildren = {
  isSource?: IToken[];
  sourceType: SourceTypeCstNode[];
  ifNotExists?: IfNotExistsCstNode[];
  name: IdentifierCstNode[];
  tableElements?: TableElementsCstNode[];
  properties?: PropertiesCstNode[];
  AS?: IToken[];
  query?: QueryCstNode[];
};

export interface SourceTypeCstNode extends CstNode {
  name: "sourceType";
  children: SourceTypeCstChildren;
}

export type SourceTypeCstChildren = {
  STREAM?: IToken[];
  TABLE?: IToken[];
};

export interface IfNotExistsCstNode extends CstNode {
  name: "ifNotExists";
  children: IfNotExistsCstChildren;
}

export type IfNotExistsCstChildren = {
  IF: IToken[];
  NOT: IToken[];
  EXISTS: IToken[];
};

export interface IfExistsCstNode extends CstNode {
  name: "ifExists";
  children: IfExistsCstChildren;
}

export type IfExistsCstChildren = {
  IF: IToken[];
  EXISTS: IToken[];
};

export interface TableElementsCstNode extends CstNode {
  name: "tableElements";
  children: TableElementsCstChildren;
}

export type TableElementsCstChildren = {
  LeftParen: IToken[];
  tableElement: TableElementCstNode[];
  Comma?: IToken[];
  RightParen: IToken[];
};

export interface TableElementCstNode extends CstNode {
  name: "tableElement";
  children: TableElementCstChildren;
}

export type TableElementCstChildren = {
  name: IdentifierCstNode[];
  type: TypeCstNode[];
  columnConstraint?: ColumnConstraintCstNode[];
};

export interface ColumnConstraintCstNode extends CstNode {
  name: "columnConstraint";
  children: ColumnConstraintCstChildren;
}

export type ColumnConstraintCstChildren = {
  KEY?: IToken[];
  PRIMARY?: IToken[];
  primaryKey?: IToken[];
  HEADERS?: IToken[];
  HEADER?: IToken[];
  LeftParen?: IToken[];
  headerKey?: IToken[];
  RightParen?: IToken[];
};

export interface PropertiesCstNode extends CstNode {
  name: "properties";
  children: PropertiesCstChildren;
}

export type PropertiesCstChildren = {
  WITH: IToken[];
  LeftParen: IToken[];
  property: PropertyCstNode[];
  Comma?: IToken[];
  RightParen: IToken[];
};

export interface PropertyCstNode extends CstNode {
  name: "property";
  children: PropertyCstChildren;
}

export type PropertyCstChildren = {
  name: IdentifierCstNode[];
  Equals: IToken[];
  propertyValue: PropertyValueCstNode[];
};

export interface PropertyValueCstNode extends CstNode {
  name: "propertyValue";
  children: PropertyValueCstChildren;
}

export type PropertyValueCstChildren = {
  StringLiteral?: IToken[];
  TRUE?: IToken[];
  FALSE?: IToken[];
  Minus?: IToken[];
  number?: NumberCstNode[];
};

export interface NumberCstNode extends CstNode {
  name: "number";
  children: NumberCstChildren;
}

export type NumberCstChildren = {
  IntegerLiteral?: IToken[];
  DecimalLiteral?: IToken[];
  FloatingPointLiteral?: IToken[];
};

export interface InsertStatementCstNode extends CstNode {
  name: "insertStatement";
  children: InsertStatementCstChildren;
}

export type InsertStatementCstChildren = {
  INSERT: IToken[];
  INTO: IToken[];
  target: IdentifierCstNode[];
  columnList?: ColumnListCstNode[];
  VALUES?: IToken[];
  LeftParen?: IToken[];
  values?: ExpressionCstNode[];
  Comma?: IToken[];
  RightParen?: IToken[];
  properties?: PropertiesCstNode[];
  query?: QueryCstNode[];
};

export interface ColumnListCstNode extends CstNode {
  name: "columnList";
  children: ColumnListCstChildren;
}

export type ColumnListCstChildren = {
  LeftParen: IToken[];
  columns: IdentifierCstNode[];
  Comma?: IToken[];
  RightParen: IToken[];
};

export interface DropStatementCstNode extends CstNode {
  name: "dropStatement";
  children: DropStatementCstChildren;
}

export type DropStatementCstChildren = {
  DROP: IToken[];
  TYPE?: IToken[];
  ifExists?: (IfExistsCstNode)[];
  typeName?: IdentifierCstNode[];
  sourceType?: SourceTypeCstNode[];
  sourceName?: IdentifierCstNode[];
  deleteTopic?: IToken[];
  TOPIC?: IToken[];
};

export interface ShowStatementCstNode extends CstNode {
  name: "showStatement";
  children: ShowStatementCstChildren;
}

export type ShowStatementCstChildren = {
  SHOW?: IToken[];
  LIST?: IToken[];
  what?: (IToken)[];
  ALL?: IToken[];
  SOURCE?: IToken[];
  SINK?: IToken[];
  EXTENDED?: IToken[];
};

export interface DescribeStatementCstNode extends CstNode {
  name: "describeStatement";
  children: DescribeStatementCstChildren;
}

export type DescribeStatementCstChildren = {
  DESCRIBE: IToken[];
  FUNCTION?: IToken[];
  functionName?: IdentifierCstNode[];
  what?: (IToken)[];
  sourceName?: IdentifierCstNode[];
  EXTENDED?: IToken[];
};

export interface ExplainStatementCstNode extends CstNode {
  name: "explainStatement";
  children: ExplainStatementCstChildren;
}

export type ExplainStatementCstChildren = {
  EXPLAIN: IToken[];
  statement?: StatementCstNode[];
  queryId?: IdentifierCstNode[];
};

export interface PrintStatementCstNode extends CstNode {
  name: "printStatement";
  children: PrintStatementCstChildren;
}

export type PrintStatementCstChildren = {
  PRINT: IToken[];
  topic?: IToken[];
  topicName?: IdentifierCstNode[];
  FROM?: IToken[];
  BEGINNING?: IToken[];
  INTERVAL?: IToken[];
  SAMPLE?: IToken[];
  interval?: IToken[];
  LIMIT?: IToken[];
  limit?: IToken[];
};

export interface TerminateStatementCstNode extends CstNode {
  name: "terminateStatement";
  children: TerminateStatementCstChildren;
}

export type TerminateStatementCstChildren = {
  TERMINATE: IToken[];
  queryTarget: QueryTargetCstNode[];
};

export interface PauseResumeStatementCstNode extends CstNode {
  name: "pauseResumeStatement";
  children: PauseResumeStatementCstChildren;
}

export type PauseResumeStatementCstChildren = {
  action?: (IToken)[];
  queryTarget: QueryTargetCstNode[];
};

export interface QueryTargetCstNode extends CstNode {
  name: "queryTarget";
  children: QueryTargetCstChildren;
}

export type QueryTargetCstChildren = {
  ALL?: IToken[];
  queryId?: IdentifierCstNode[];
};

export interface SetStatementCstNode extends CstNode {
  name: "setStatement";
  children: SetStatementCstChildren;
}

export type SetStatementCstChildren = {
  SET: IToken[];
  name: IToken[];
  Equals: IToken[];
  value: IToken[];
};

export interface UnsetStatementCstNode extends CstNode {
  name: "unsetStatement";
  children: UnsetStatementCstChildren;
}

export type UnsetStatementCstChildren = {
  UNSET: IToken[];
  name: IToken[];
};

export interface DefineStatementCstNode extends CstNode {
  name: "defineStatement";
  children: DefineStatementCstChildren;
}

export type DefineStatementCstChildren = {
  DEFINE: IToken[];
  name: IdentifierCstNode[];
  Equals: IToken[];
  value: IToken[];
};

export interface UndefineStatementCstNode extends CstNode {
  name: "undefineStatement";
  children: UndefineStatementCstChildren;
}

export type UndefineStatementCstChildren = {
  UNDEFINE: IToken[];
  name: IdentifierCstNode[];
};

export interface RunScriptStatementCstNode extends CstNode {
  name: "runScriptStatement";
  children: RunScriptStatementCstChildren;
}

export type RunScriptStatementCstChildren = {
  RUN: IToken[];
  SCRIPT: IToken[];
  path: IToken[];
};

export interface AlterStatementCstNode extends CstNode {
  name: "alterStatement";
  children: AlterStatementCstChildren;
}

export type AlterStatementCstChildren = {
  ALTER: IToken[];
  sourceType: SourceTypeCstNode[];
  name: IdentifierCstNode[];
  alterOption: AlterOptionCstNode[];
  Comma?: IToken[];
};

export interface AlterOptionCstNode extends CstNode {
  name: "alterOption";
  children: AlterOptionCstChildren;
}

export type AlterOptionCstChildren = {
  ADD: IToken[];
  COLUMN?: IToken[];
  name: IdentifierCstNode[];
  type: TypeCstNode[];
};

export interface QueryCstNode extends CstNode {
  name: "query";
  children: QueryCstChildren;
}

export type QueryCstChildren = {
  SELECT: IToken[];
  selectItem: SelectItemCstNode[];
  Comma?: IToken[];
  FROM: IToken[];
  relation: RelationCstNode[];
  windowClause?: WindowClauseCstNode[];
  WHERE?: IToken[];
  where?: ExpressionCstNode[];
  GROUP?: IToken[];
  BY?: (IToken)[];
  groupBy?: GroupingListCstNode[];
  PARTITION?: IToken[];
  partitionBy?: GroupingListCstNode[];
  HAVING?: IToken[];
  having?: ExpressionCstNode[];
  EMIT?: IToken[];
  emit?: (IToken)[];
  LIMIT?: IToken[];
  limit?: IToken[];
};

export interface SelectItemCstNode extends CstNode {
  name: "selectItem";
  children: SelectItemCstChildren;
}

export type SelectItemCstChildren = {
  Star?: (IToken)[];
  source?: IdentifierCstNode[];
  Dot?: IToken[];
  expression?: ExpressionCstNode[];
  alias?: AliasCstNode[];
};

export interface AliasCstNode extends CstNode {
  name: "alias";
  children: AliasCstChildren;
}

export type AliasCstChildren = {
  AS?: IToken[];
  name: IdentifierCstNode[];
};

export interface RelationCstNode extends CstNode {
  name: "relation";
  children: RelationCstChildren;
}

export type RelationCstChildren = {
  aliasedSource: AliasedSourceCstNode[];
  joinClause?: JoinClauseCstNode[];
};

export interface AliasedSourceCstNode extends CstNode {
  name: "aliasedSource";
  children: AliasedSourceCstChildren;
}

export type AliasedSourceCstChildren = {
  name: IdentifierCstNode[];
  alias?: AliasCstNode[];
};

export interface JoinClauseCstNode extends CstNode {
  name: "joinClause";
  children: JoinClauseCstChildren;
}

export type JoinClauseCstChildren = {
  joinType?: (IToken)[];
  OUTER?: IToken[];
  JOIN: IToken[];
  aliasedSource: AliasedSourceCstNode[];
  withinClause?: WithinClauseCstNode[];
  ON: IToken[];
  on: ExpressionCstNode[];
};

export interface WithinClauseCstNode extends CstNode {
  name: "withinClause";
  children: WithinClauseCstChildren;
}

export type WithinClauseCstChildren = {
  WITHIN: IToken[];
  LeftParen?: IToken[];
  before?: DurationCstNode[];
  Comma?: IToken[];
  after?: DurationCstNode[];
  RightParen?: IToken[];
  both?: DurationCstNode[];
  gracePeriod?: GracePeriodCstNode[];
};

export interface GracePeriodCstNode extends CstNode {
  name: "gracePeriod";
  children: GracePeriodCstChildren;
}

export type GracePeriodCstChildren = {
  GRACE: IToken[];
  PERIOD: IToken[];
  duration: DurationCstNode[];
};

export interface DurationCstNode extends CstNode {
  name: "duration";
  children: DurationCstChildren;
}

export type DurationCstChildren = {
  IntegerLiteral: IToken[];
  unit: IdentifierCstNode[];
};

export interface WindowClauseCstNode extends CstNode {
  name: "windowClause";
  children: WindowClauseCstChildren;
}

export type WindowClauseCstChildren = {
  WINDOW: IToken[];
  windowName?: IdentifierCstNode[];
  tumblingWindow?: TumblingWindowCstNode[];
  hoppingWindow?: HoppingWindowCstNode[];
  sessionWindow?: SessionWindowCstNode[];
};

export interface TumblingWindowCstNode extends CstNode {
  name: "tumblingWindow";
  children: TumblingWindowCstChildren;
}

export type TumblingWindowCstChildren = {
  TUMBLING: IToken[];
  LeftParen: IToken[];
  SIZE: IToken[];
  size: DurationCstNode[];
  Comma?: IToken[];
  windowOption?: WindowOptionCstNode[];
  RightParen: IToken[];
};

export interface HoppingWindowCstNode extends CstNode {
  name: "hoppingWindow";
  children: HoppingWindowCstChildren;
}

export type HoppingWindowCstChildren = {
  HOPPING: IToken[];
  LeftParen: IToken[];
  SIZE: IToken[];
  size: DurationCstNode[];
  Comma: (IToken)[];
  ADVANCE: IToken[];
  BY: IToken[];
  advance: DurationCstNode[];
  windowOption?: WindowOptionCstNode[];
  RightParen: IToken[];
};

export interface SessionWindowCstNode extends CstNode {
  name: "sessionWindow";
  children: SessionWindowCstChildren;
}

export type SessionWindowCstChildren = {
  SESSION: IToken[];
  LeftParen: IToken[];
  gap: DurationCstNode[];
  Comma?: IToken[];
  windowOption?: WindowOptionCstNode[];
  RightParen: IToken[];
};

export interface WindowOptionCstNode extends CstNode {
  name: "windowOption";
  children: WindowOptionCstChildren;
}

export type WindowOptionCstChildren = {
  RETENTION?: IToken[];
  retention?: DurationCstNode[];
  gracePeriod?: GracePeriodCstNode[];
  TIME?: IToken[];
  ZONE?: IToken[];
  timeZone?: IToken[];
};

export interface GroupingListCstNode extends CstNode {
  name: "groupingList";
  children: GroupingListCstChildren;
}

export type GroupingListCstChildren = {
  parenthesised?: IToken[];
  items?: (ValueExpressionCstNode)[];
  Comma?: (IToken)[];
  RightParen?: IToken[];
};

export interface ExpressionCstNode extends CstNode {
  name: "expression";
  children: ExpressionCstChildren;
}

export type ExpressionCstChildren = {
  operands: AndExpressionCstNode[];
  OR?: IToken[];
};

export interface AndExpressionCstNode extends CstNode {
  name: "andExpression";
  children: AndExpressionCstChildren;
}

export type AndExpressionCstChildren = {
  operands: NotExpressionCstNode[];
  AND?: IToken[];
};

export interface NotExpressionCstNode extends CstNode {
  name: "notExpression";
  children: NotExpressionCstChildren;
}

export type NotExpressionCstChildren = {
  NOT?: IToken[];
  negated?: NotExpressionCstNode[];
  predicated?: PredicatedCstNode[];
};

export interface PredicatedCstNode extends CstNode {
  name: "predicated";
  children: PredicatedCstChildren;
}

export type PredicatedCstChildren = {
  valueExpression: ValueExpressionCstNode[];
  predicate?: PredicateCstNode[];
};

export interface PredicateCstNode extends CstNode {
  name: "predicate";
  children: PredicateCstChildren;
}

export type PredicateCstChildren = {
  comparisonOperator?: ComparisonOperatorCstNode[];
  right?: ValueExpressionCstNode[];
  NOT?: IToken[];
  betweenPredicate?: BetweenPredicateCstNode[];
  inPredicate?: InPredicateCstNode[];
  likePredicate?: LikePredicateCstNode[];
  isPredicate?: IsPredicateCstNode[];
};

export interface ComparisonOperatorCstNode extends CstNode {
  name: "comparisonOperator";
  children: ComparisonOperatorCstChildren;
}

export type ComparisonOperatorCstChildren = {
  Equals?: IToken[];
  NotEqual?: IToken[];
  Less?: IToken[];
  LessOrEqual?: IToken[];
  Greater?: IToken[];
  GreaterOrEqual?: IToken[];
};

export interface BetweenPredicateCstNode extends CstNode {
  name: "betweenPredicate";
  children: BetweenPredicateCstChildren;
}

export type BetweenPredicateCstChildren = {
  BETWEEN: IToken[];
  lower: ValueExpressionCstNode[];
  AND: IToken[];
  upper: ValueExpressionCstNode[];
};

export interface InPredicateCstNode extends CstNode {
  name: "inPredicate";
  children: InPredicateCstChildren;
}

export type InPredicateCstChildren = {
  IN: IToken[];
  LeftParen: IToken[];
  list: ExpressionCstNode[];
  Comma?: IToken[];
  RightParen: IToken[];
};

export interface LikePredicateCstNode extends CstNode {
  name: "likePredicate";
  children: LikePredicateCstChildren;
}

export type LikePredicateCstChildren = {
  LIKE: IToken[];
  pattern: ValueExpressionCstNode[];
  ESCAPE?: IToken[];
  escape?: IToken[];
};

export interface IsPredicateCstNode extends CstNode {
  name: "isPredicate";
  children: IsPredicateCstChildren;
}

export type IsPredicateCstChildren = {
  IS: IToken[];
  NOT?: IToken[];
  NULL?: IToken[];
  DISTINCT?: IToken[];
  FROM?: IToken[];
  right?: ValueExpressionCstNode[];
};

export interface ValueExpressionCstNode extends CstNode {
  name: "valueExpression";
  children: ValueExpressionCstChildren;
}

export type ValueExpressionCstChildren = {
  operands: AdditiveExpressionCstNode[];
  ConcatOperator?: IToken[];
};

export interface AdditiveExpressionCstNode extends CstNode {
  name: "additiveExpression";
  children: AdditiveExpressionCstChildren;
}

export type AdditiveExpressionCstChildren = {
  operands: (MultiplicativeExpressionCstNode)[];
  operators?: (IToken)[];
};

export interface MultiplicativeExpressionCstNode extends CstNode {
  name: "multiplicativeExpression";
  children: MultiplicativeExpressionCstChildren;
}

export type MultiplicativeExpressionCstChildren = {
  operands: (UnaryExpressionCstNode)[];
  operators?: (IToken)[];
};

export interface UnaryExpressionCstNode extends CstNode {
  name: "unaryExpression";
  children: UnaryExpressionCstChildren;
}

export type UnaryExpressionCstChildren = {
  operator?: (IToken)[];
  operand?: UnaryExpressionCstNode[];
  atTimeZoneExpression?: AtTimeZoneExpressionCstNode[];
};

export interface AtTimeZoneExpressionCstNode extends CstNode {
  name: "atTimeZoneExpression";
  children: AtTimeZoneExpressionCstChildren;
}

export type AtTimeZoneExpressionCstChildren = {
  postfixExpression: PostfixExpressionCstNode[];
  AT?: IToken[];
  TIME?: IToken[];
  ZONE?: IToken[];
  zones?: IToken[];
};

export interface PostfixExpressionCstNode extends CstNode {
  name: "postfixExpression";
  children: PostfixExpressionCstChildren;
}

export type PostfixExpressionCstChildren = {
  primaryExpression: PrimaryExpressionCstNode[];
  postfixOperator?: PostfixOperatorCstNode[];
};

export interface PostfixOperatorCstNode extends CstNode {
  name: "postfixOperator";
  children: PostfixOperatorCstChildren;
}

export type PostfixOperatorCstChildren = {
  LeftBracket?: IToken[];
  index?: ValueExpressionCstNode[];
  RightBracket?: IToken[];
  Arrow?: IToken[];
  Star?: IToken[];
  field?: IdentifierCstNode[];
};

export interface PrimaryExpressionCstNode extends CstNode {
  name: "primaryExpression";
  children: PrimaryExpressionCstChildren;
}

export type PrimaryExpressionCstChildren = {
  NULL?: IToken[];
  TRUE?: IToken[];
  FALSE?: IToken[];
  IntegerLiteral?: IToken[];
  DecimalLiteral?: IToken[];
  FloatingPointLiteral?: IToken[];
  StringLiteral?: IToken[];
  caseExpression?: CaseExpressionCstNode[];
  castExpression?: CastExpressionCstNode[];
  arrayConstructor?: ArrayConstructorCstNode[];
  mapConstructor?: MapConstructorCstNode[];
  structConstructor?: StructConstructorCstNode[];
  LeftParen?: IToken[];
  parenthesised?: ExpressionCstNode[];
  RightParen?: IToken[];
  typedLiteral?: TypedLiteralCstNode[];
  functionCall?: FunctionCallCstNode[];
  columnReference?: ColumnReferenceCstNode[];
};

export interface CaseExpressionCstNode extends CstNode {
  name: "caseExpression";
  children: CaseExpressionCstChildren;
}

export type CaseExpressionCstChildren = {
  CASE: IToken[];
  operand?: ValueExpressionCstNode[];
  whenClause: WhenClauseCstNode[];
  ELSE?: IToken[];
  otherwise?: ExpressionCstNode[];
  END: IToken[];
};

export interface WhenClauseCstNode extends CstNode {
  name: "whenClause";
  children: WhenClauseCstChildren;
}

export type WhenClauseCstChildren = {
  WHEN: IToken[];
  condition: ExpressionCstNode[];
  THEN: IToken[];
  result: ExpressionCstNode[];
};

export interface CastExpressionCstNode extends CstNode {
  name: "castExpression";
  children: CastExpressionCstChildren;
}

export type CastExpressionCstChildren = {
  CAST: IToken[];
  LeftParen: IToken[];
  expression: ExpressionCstNode[];
  AS: IToken[];
  type: TypeCstNode[];
  RightParen: IToken[];
};

export interface ArrayConstructorCstNode extends CstNode {
  name: "arrayConstructor";
  children: ArrayConstructorCstChildren;
}

export type ArrayConstructorCstChildren = {
  ARRAY: IToken[];
  LeftBracket: IToken[];
  elements?: ExpressionCstNode[];
  Comma?: IToken[];
  RightBracket: IToken[];
};

export interface MapConstructorCstNode extends CstNode {
  name: "mapConstructor";
  children: MapConstructorCstChildren;
}

export type MapConstructorCstChildren = {
  MAP: IToken[];
  LeftParen: IToken[];
  entries?: MapEntryCstNode[];
  Comma?: IToken[];
  RightParen: IToken[];
};

export interface MapEntryCstNode extends CstNode {
  name: "mapEntry";
  children: MapEntryCstChildren;
}

export type MapEntryCstChildren = {
  key: ExpressionCstNode[];
  Assign: IToken[];
  value: ExpressionCstNode[];
};

export interface StructConstructorCstNode extends CstNode {
  name: "structConstructor";
  children: StructConstructorCstChildren;
}

export type StructConstructorCstChildren = {
  STRUCT: IToken[];
  LeftParen: IToken[];
  entries?: StructEntryCstNode[];
  Comma?: IToken[];
  RightParen: IToken[];
};

export interface StructEntryCstNode extends CstNode {
  name: "structEntry";
  children: StructEntryCstChildren;
}

export type StructEntryCstChildren = {
  name: IdentifierCstNode[];
  Assign: IToken[];
  value: ExpressionCstNode[];
};

export interface TypedLiteralCstNode extends CstNode {
  name: "typedLiteral";
  children: TypedLiteralCstChildren;
}

export type TypedLiteralCstChildren = {
  typeName: IdentifierCstNode[];
  StringLiteral: IToken[];
};

export interface FunctionCallCstNode extends CstNode {
  name: "functionCall";
  children: FunctionCallCstChildren;
}

export type FunctionCallCstChildren = {
  name: IdentifierCstNode[];
  LeftParen: IToken[];
  Star?: IToken[];
  args?: FunctionArgumentCstNode[];
  Comma?: IToken[];
  RightParen: IToken[];
};

export interface FunctionArgumentCstNode extends CstNode {
  name: "functionArgument";
  children: FunctionArgumentCstChildren;
}

export type FunctionArgumentCstChildren = {
  lambda?: LambdaCstNode[];
  expression?: ExpressionCstNode[];
};

export interface LambdaCstNode extends CstNode {
  name: "lambda";
  children: LambdaCstChildren;
}

export type LambdaCstChildren = {
  params?: (IdentifierCstNode)[];
  LeftParen?: IToken[];
  Comma?: IToken[];
  RightParen?: IToken[];
  LambdaArrow: IToken[];
  body: ExpressionCstNode[];
};

export interface ColumnReferenceCstNode extends CstNode {
  name: "columnReference";
  children: ColumnReferenceCstChildren;
}

export type ColumnReferenceCstChildren = {
  parts: (IdentifierCstNode)[];
  Dot?: IToken[];
};

export interface TypeCstNode extends CstNode {
  name: "type";
  children: TypeCstChildren;
}

export type TypeCstChildren = {
  baseType: BaseTypeCstNode[];
  arraySuffix?: IToken[];
};

export interface BaseTypeCstNode extends CstNode {
  name: "baseType";
  children: BaseTypeCstChildren;
}

export type BaseTypeCstChildren = {
  ARRAY?: IToken[];
  Less?: (IToken)[];
  element?: TypeCstNode[];
  Greater?: (IToken)[];
  MAP?: IToken[];
  key?: TypeCstNode[];
  Comma?: (IToken)[];
  value?: TypeCstNode[];
  struct?: IToken[];
  emptyStruct?: IToken[];
  fields?: StructFieldCstNode[];
  name?: IdentifierCstNode[];
  LeftParen?: IToken[];
  parameters?: TypeParameterCstNode[];
  RightParen?: IToken[];
};

export interface StructFieldCstNode extends CstNode {
  name: "structField";
  children: StructFieldCstChildren;
}

export type StructFieldCstChildren = {
  name: IdentifierCstNode[];
  type: TypeCstNode[];
};

export interface TypeParameterCstNode extends CstNode {
  name: "typeParameter";
  children: TypeParameterCstChildren;
}

export type TypeParameterCstChildren = {
  IntegerLiteral?: IToken[];
  identifier?: IdentifierCstNode[];
};

export interface IdentifierCstNode extends CstNode {
  name: "identifier";
  children: IdentifierCstChildren;
}

export type IdentifierCstChildren = {
  Identifier?: IToken[];
  QuotedIdentifier?: IToken[];
  BackQuotedIdentifier?: IToken[];
  DigitIdentifier?: IToken[];
  NonReservedKeyword?: IToken[];
};

export interface StandaloneExpressionCstNode extends CstNode {
  name: "standaloneExpression";
  children: StandaloneExpressionCstChildren;
}

export type StandaloneExpressionCstChildren = {
  expression: ExpressionCstNode[];
};

export interface StandaloneTypeCstNode extends CstNode {
  name: "standaloneType";
  children: StandaloneTypeCstChildren;
}

export type StandaloneTypeCstChildren = {
  type: TypeCstNode[];
};
