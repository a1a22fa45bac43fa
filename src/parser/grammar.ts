// The SQL grammar as a Chevrotain CstParser: rules only, no semantics (see to-ast*.ts for those).
//
// The grammar follows ksqlDB's SqlBase.g4. Chevrotain is LL(k), not ANTLR's ALL(*), so the few
// places where ksqlDB relies on unbounded lookahead use a GATE that peeks at the tokens instead:
// a lambda's parameter list, `GROUP BY (a, b)` versus `GROUP BY (a) + 1`, and a source alias that
// must not swallow `EMIT CHANGES` or `PARTITION BY`. Alternatives marked IGNORE_AMBIGUITIES are
// ordered most specific first, as in ksqlDB (`ARRAY[...]` before a column named ARRAY).
import { CstParser, EOF, type IToken } from 'chevrotain';
import * as t from './tokens.js';

function isIdentifierToken(token: IToken): boolean {
  return t.identifierTokenTypes.some((type) => token.tokenType === type || token.tokenType.CATEGORIES?.includes(type));
}

export class SqlGrammar extends CstParser {
  constructor() {
    super([...t.allTokens], { nodeLocationTracking: 'full', maxLookahead: 3 });
    this.performSelfAnalysis();
  }

  // ───────────────────────────── statements ─────────────────────────────

  /** One statement, an optional `;`, then the end of the input. */
  public singleStatement = this.RULE('singleStatement', () => {
    this.SUBRULE(this.statement);
    this.OPTION(() => this.CONSUME(t.Semicolon));
  });

  public statement = this.RULE('statement', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.query) },
      { ALT: () => this.SUBRULE(this.createStatement) },
      { ALT: () => this.SUBRULE(this.insertStatement) },
      { ALT: () => this.SUBRULE(this.dropStatement) },
      { ALT: () => this.SUBRULE(this.showStatement) },
      { ALT: () => this.SUBRULE(this.describeStatement) },
      { ALT: () => this.SUBRULE(this.explainStatement) },
      { ALT: () => this.SUBRULE(this.printStatement) },
      { ALT: () => this.SUBRULE(this.terminateStatement) },
      { ALT: () => this.SUBRULE(this.pauseResumeStatement) },
      { ALT: () => this.SUBRULE(this.setStatement) },
      { ALT: () => this.SUBRULE(this.unsetStatement) },
      { ALT: () => this.SUBRULE(this.defineStatement) },
      { ALT: () => this.SUBRULE(this.undefineStatement) },
      { ALT: () => this.SUBRULE(this.runScriptStatement) },
      { ALT: () => this.SUBRULE(this.alterStatement) },
    ]);
  });

  public createStatement = this.RULE('createStatement', () => {
    this.CONSUME(t.Create);
    this.OPTION(() => {
      this.CONSUME(t.Or, { LABEL: 'orReplace' });
      this.CONSUME(t.Replace);
    });
    this.OR([
      { ALT: () => this.SUBRULE(this.createType) },
      { ALT: () => this.SUBRULE(this.createSource) },
    ]);
  });

  public createType = this.RULE('createType', () => {
    this.CONSUME(t.Type);
    this.OPTION(() => this.SUBRULE(this.ifNotExists));
    this.SUBRULE(this.identifier, { LABEL: 'name' });
    this.CONSUME(t.As);
    this.SUBRULE(this.type);
  });

  /** CREATE [SOURCE] STREAM|TABLE, with a column list, or AS a query (to-ast tells them apart). */
  public createSource = this.RULE('createSource', () => {
    this.OPTION(() => this.CONSUME(t.Source, { LABEL: 'isSource' }));
    this.SUBRULE(this.sourceType);
    this.OPTION1(() => this.SUBRULE(this.ifNotExists));
    this.SUBRULE(this.identifier, { LABEL: 'name' });
    this.OPTION2(() => this.SUBRULE(this.tableElements));
    this.OPTION3(() => this.SUBRULE(this.properties));
    this.OPTION4(() => {
      this.CONSUME(t.As);
      this.SUBRULE(this.query);
    });
  });

  public sourceType = this.RULE('sourceType', () => {
    this.OR([{ ALT: () => this.CONSUME(t.Stream) }, { ALT: () => this.CONSUME(t.Table) }]);
  });

  public ifNotExists = this.RULE('ifNotExists', () => {
    this.CONSUME(t.If);
    this.CONSUME(t.Not);
    this.CONSUME(t.Exists);
  });

  public ifExists = this.RULE('ifExists', () => {
    this.CONSUME(t.If);
    this.CONSUME(t.Exists);
  });

  public tableElements = this.RULE('tableElements', () => {
    this.CONSUME(t.LeftParen);
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.tableElement) });
    this.CONSUME(t.RightParen);
  });

  public tableElement = this.RULE('tableElement', () => {
    this.SUBRULE(this.identifier, { LABEL: 'name' });
    this.SUBRULE(this.type);
    this.OPTION(() => this.SUBRULE(this.columnConstraint));
  });

  public columnConstraint = this.RULE('columnConstraint', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Key) },
      {
        ALT: () => {
          this.CONSUME(t.Primary);
          this.CONSUME1(t.Key, { LABEL: 'primaryKey' });
        },
      },
      { ALT: () => this.CONSUME(t.Headers) },
      {
        ALT: () => {
          this.CONSUME(t.Header);
          this.CONSUME(t.LeftParen);
          this.CONSUME(t.StringLiteral, { LABEL: 'headerKey' });
          this.CONSUME(t.RightParen);
        },
      },
    ]);
  });

  public properties = this.RULE('properties', () => {
    this.CONSUME(t.With);
    this.CONSUME(t.LeftParen);
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.property) });
    this.CONSUME(t.RightParen);
  });

  public property = this.RULE('property', () => {
    this.SUBRULE(this.identifier, { LABEL: 'name' });
    this.CONSUME(t.Equals);
    this.SUBRULE(this.propertyValue);
  });

  public propertyValue = this.RULE('propertyValue', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.StringLiteral) },
      { ALT: () => this.CONSUME(t.True) },
      { ALT: () => this.CONSUME(t.False) },
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(t.Minus));
          this.SUBRULE(this.number);
        },
      },
    ]);
  });

  public number = this.RULE('number', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.IntegerLiteral) },
      { ALT: () => this.CONSUME(t.DecimalLiteral) },
      { ALT: () => this.CONSUME(t.FloatingPointLiteral) },
    ]);
  });

  public insertStatement = this.RULE('insertStatement', () => {
    this.CONSUME(t.Insert);
    this.CONSUME(t.Into);
    this.SUBRULE(this.identifier, { LABEL: 'target' });
    this.OR([
      {
        ALT: () => {
          this.OPTION(() => this.SUBRULE(this.columnList));
          this.CONSUME(t.Values);
          this.CONSUME(t.LeftParen);
          this.MANY_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.expression, { LABEL: 'values' }) });
          this.CONSUME(t.RightParen);
        },
      },
      {
        ALT: () => {
          this.OPTION1(() => this.SUBRULE(this.properties));
          this.SUBRULE(this.query);
        },
      },
    ]);
  });

  public columnList = this.RULE('columnList', () => {
    this.CONSUME(t.LeftParen);
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.identifier, { LABEL: 'columns' }) });
    this.CONSUME(t.RightParen);
  });

  public dropStatement = this.RULE('dropStatement', () => {
    this.CONSUME(t.Drop);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.Type);
          this.OPTION(() => this.SUBRULE(this.ifExists));
          this.SUBRULE(this.identifier, { LABEL: 'typeName' });
        },
      },
      {
        ALT: () => {
          this.SUBRULE(this.sourceType);
          this.OPTION1(() => this.SUBRULE1(this.ifExists));
          this.SUBRULE1(this.identifier, { LABEL: 'sourceName' });
          this.OPTION2(() => {
            this.CONSUME(t.Delete, { LABEL: 'deleteTopic' });
            this.CONSUME(t.Topic);
          });
        },
      },
    ]);
  });

  public showStatement = this.RULE('showStatement', () => {
    this.OR([{ ALT: () => this.CONSUME(t.Show) }, { ALT: () => this.CONSUME(t.List) }]);
    this.OR1([
      { ALT: () => this.CONSUME(t.Properties, { LABEL: 'what' }) },
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(t.All));
          this.CONSUME(t.Topics, { LABEL: 'what' });
        },
      },
      { ALT: () => this.CONSUME(t.Streams, { LABEL: 'what' }) },
      { ALT: () => this.CONSUME(t.Tables, { LABEL: 'what' }) },
      { ALT: () => this.CONSUME(t.Functions, { LABEL: 'what' }) },
      {
        ALT: () => {
          this.OPTION1(() => this.OR2([{ ALT: () => this.CONSUME(t.Source) }, { ALT: () => this.CONSUME(t.Sink) }]));
          this.CONSUME(t.Connectors, { LABEL: 'what' });
        },
      },
      { ALT: () => this.CONSUME(t.Types, { LABEL: 'what' }) },
      { ALT: () => this.CONSUME(t.Variables, { LABEL: 'what' }) },
      { ALT: () => this.CONSUME(t.Queries, { LABEL: 'what' }) },
    ]);
    this.OPTION2(() => this.CONSUME(t.Extended));
  });

  public describeStatement = this.RULE('describeStatement', () => {
    this.CONSUME(t.Describe);
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          GATE: () => isIdentifierToken(this.LA(2)),
          ALT: () => {
            this.CONSUME(t.FunctionKeyword);
            this.SUBRULE(this.identifier, { LABEL: 'functionName' });
          },
        },
        {
          GATE: () => this.isEndOfStatementOrExtended(2),
          ALT: () => this.OR1([{ ALT: () => this.CONSUME(t.Streams, { LABEL: 'what' }) }, { ALT: () => this.CONSUME(t.Tables, { LABEL: 'what' }) }]),
        },
        { ALT: () => this.SUBRULE1(this.identifier, { LABEL: 'sourceName' }) },
      ],
    });
    this.OPTION(() => this.CONSUME(t.Extended));
  });

  public explainStatement = this.RULE('explainStatement', () => {
    this.CONSUME(t.Explain);
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => !this.isEndOfStatementOrExtended(2), ALT: () => this.SUBRULE(this.statement) },
        { ALT: () => this.SUBRULE(this.identifier, { LABEL: 'queryId' }) },
      ],
    });
  });

  public printStatement = this.RULE('printStatement', () => {
    this.CONSUME(t.Print);
    this.OR([
      { ALT: () => this.CONSUME(t.StringLiteral, { LABEL: 'topic' }) },
      { ALT: () => this.SUBRULE(this.identifier, { LABEL: 'topicName' }) },
    ]);
    this.OPTION(() => {
      this.CONSUME(t.From);
      this.CONSUME(t.Beginning);
    });
    this.OPTION1(() => {
      this.OR1([{ ALT: () => this.CONSUME(t.Interval) }, { ALT: () => this.CONSUME(t.Sample) }]);
      this.CONSUME(t.IntegerLiteral, { LABEL: 'interval' });
    });
    this.OPTION2(() => {
      this.CONSUME(t.Limit);
      this.CONSUME1(t.IntegerLiteral, { LABEL: 'limit' });
    });
  });

  public terminateStatement = this.RULE('terminateStatement', () => {
    this.CONSUME(t.Terminate);
    this.SUBRULE(this.queryTarget);
  });

  public pauseResumeStatement = this.RULE('pauseResumeStatement', () => {
    this.OR([{ ALT: () => this.CONSUME(t.Pause, { LABEL: 'action' }) }, { ALT: () => this.CONSUME(t.Resume, { LABEL: 'action' }) }]);
    this.SUBRULE(this.queryTarget);
  });

  /** A query id or ALL. */
  public queryTarget = this.RULE('queryTarget', () => {
    this.OR([{ ALT: () => this.CONSUME(t.All) }, { ALT: () => this.SUBRULE(this.identifier, { LABEL: 'queryId' }) }]);
  });

  public setStatement = this.RULE('setStatement', () => {
    this.CONSUME(t.Set);
    this.CONSUME(t.StringLiteral, { LABEL: 'name' });
    this.CONSUME(t.Equals);
    this.CONSUME1(t.StringLiteral, { LABEL: 'value' });
  });

  public unsetStatement = this.RULE('unsetStatement', () => {
    this.CONSUME(t.Unset);
    this.CONSUME(t.StringLiteral, { LABEL: 'name' });
  });

  public defineStatement = this.RULE('defineStatement', () => {
    this.CONSUME(t.Define);
    this.SUBRULE(this.identifier, { LABEL: 'name' });
    this.CONSUME(t.Equals);
    this.CONSUME(t.StringLiteral, { LABEL: 'value' });
  });

  public undefineStatement = this.RULE('undefineStatement', () => {
    this.CONSUME(t.Undefine);
    this.SUBRULE(this.identifier, { LABEL: 'name' });
  });

  public runScriptStatement = this.RULE('runScriptStatement', () => {
    this.CONSUME(t.Run);
    this.CONSUME(t.Script);
    this.CONSUME(t.StringLiteral, { LABEL: 'path' });
  });

  public alterStatement = this.RULE('alterStatement', () => {
    this.CONSUME(t.Alter);
    this.SUBRULE(this.sourceType);
    this.SUBRULE(this.identifier, { LABEL: 'name' });
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.alterOption) });
  });

  public alterOption = this.RULE('alterOption', () => {
    this.CONSUME(t.Add);
    this.OPTION({ GATE: () => isIdentifierToken(this.LA(2)), DEF: () => this.CONSUME(t.Column) });
    this.SUBRULE(this.identifier, { LABEL: 'name' });
    this.SUBRULE(this.type);
  });

  // ─────────────────────────────── queries ───────────────────────────────

  public query = this.RULE('query', () => {
    this.CONSUME(t.Select);
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.selectItem) });
    this.CONSUME(t.From);
    this.SUBRULE(this.relation);
    this.OPTION(() => this.SUBRULE(this.windowClause));
    this.OPTION1(() => {
      this.CONSUME(t.Where);
      this.SUBRULE(this.expression, { LABEL: 'where' });
    });
    this.OPTION2(() => {
      this.CONSUME(t.Group);
      this.CONSUME(t.By);
      this.SUBRULE(this.groupingList, { LABEL: 'groupBy' });
    });
    this.OPTION3(() => {
      this.CONSUME(t.Partition);
      this.CONSUME1(t.By);
      this.SUBRULE1(this.groupingList, { LABEL: 'partitionBy' });
    });
    this.OPTION4(() => {
      this.CONSUME(t.Having);
      this.SUBRULE1(this.expression, { LABEL: 'having' });
    });
    this.OPTION5(() => {
      this.CONSUME(t.Emit);
      this.OR([{ ALT: () => this.CONSUME(t.Changes, { LABEL: 'emit' }) }, { ALT: () => this.CONSUME(t.Final, { LABEL: 'emit' }) }]);
    });
    this.OPTION6(() => {
      this.CONSUME(t.Limit);
      this.CONSUME(t.IntegerLiteral, { LABEL: 'limit' });
    });
  });

  public selectItem = this.RULE('selectItem', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Star) },
      {
        GATE: () => this.LA(2).tokenType === t.Dot && this.LA(3).tokenType === t.Star,
        ALT: () => {
          this.SUBRULE(this.identifier, { LABEL: 'source' });
          this.CONSUME(t.Dot);
          this.CONSUME1(t.Star);
        },
      },
      {
        ALT: () => {
          this.SUBRULE(this.expression);
          this.OPTION(() => this.SUBRULE(this.alias));
        },
      },
    ]);
  });

  /** `[AS] name` */
  public alias = this.RULE('alias', () => {
    this.OPTION(() => this.CONSUME(t.As));
    this.SUBRULE(this.identifier, { LABEL: 'name' });
  });

  public relation = this.RULE('relation', () => {
    this.SUBRULE(this.aliasedSource);
    this.MANY(() => this.SUBRULE(this.joinClause));
  });

  public aliasedSource = this.RULE('aliasedSource', () => {
    this.SUBRULE(this.identifier, { LABEL: 'name' });
    this.OPTION({ GATE: () => this.isSourceAliasAhead(), DEF: () => this.SUBRULE(this.alias) });
  });

  public joinClause = this.RULE('joinClause', () => {
    this.OPTION(() =>
      this.OR([
        { ALT: () => this.CONSUME(t.Inner, { LABEL: 'joinType' }) },
        { ALT: () => this.CONSUME(t.Left, { LABEL: 'joinType' }) },
        { ALT: () => this.CONSUME(t.Right, { LABEL: 'joinType' }) },
        { ALT: () => this.CONSUME(t.Full, { LABEL: 'joinType' }) },
      ]),
    );
    this.OPTION1(() => this.CONSUME(t.Outer));
    this.CONSUME(t.Join);
    this.SUBRULE(this.aliasedSource);
    this.OPTION2(() => this.SUBRULE(this.withinClause));
    this.CONSUME(t.On);
    this.SUBRULE(this.expression, { LABEL: 'on' });
  });

  public withinClause = this.RULE('withinClause', () => {
    this.CONSUME(t.Within);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.LeftParen);
          this.SUBRULE(this.duration, { LABEL: 'before' });
          this.CONSUME(t.Comma);
          this.SUBRULE1(this.duration, { LABEL: 'after' });
          this.CONSUME(t.RightParen);
        },
      },
      { ALT: () => this.SUBRULE2(this.duration, { LABEL: 'both' }) },
    ]);
    this.OPTION(() => this.SUBRULE(this.gracePeriod));
  });

  public gracePeriod = this.RULE('gracePeriod', () => {
    this.CONSUME(t.Grace);
    this.CONSUME(t.Period);
    this.SUBRULE(this.duration);
  });

  /** `n UNIT`; the unit is an identifier so that a wrong unit gets a precise error from to-ast. */
  public duration = this.RULE('duration', () => {
    this.CONSUME(t.IntegerLiteral);
    this.SUBRULE(this.identifier, { LABEL: 'unit' });
  });

  public windowClause = this.RULE('windowClause', () => {
    this.CONSUME(t.Window);
    this.OPTION({
      GATE: () => [t.Tumbling, t.Hopping, t.Session].includes(this.LA(2).tokenType),
      DEF: () => this.SUBRULE(this.identifier, { LABEL: 'windowName' }),
    });
    this.OR([
      { ALT: () => this.SUBRULE(this.tumblingWindow) },
      { ALT: () => this.SUBRULE(this.hoppingWindow) },
      { ALT: () => this.SUBRULE(this.sessionWindow) },
    ]);
  });

  public tumblingWindow = this.RULE('tumblingWindow', () => {
    this.CONSUME(t.Tumbling);
    this.CONSUME(t.LeftParen);
    this.CONSUME(t.Size);
    this.SUBRULE(this.duration, { LABEL: 'size' });
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.SUBRULE(this.windowOption);
    });
    this.CONSUME(t.RightParen);
  });

  public hoppingWindow = this.RULE('hoppingWindow', () => {
    this.CONSUME(t.Hopping);
    this.CONSUME(t.LeftParen);
    this.CONSUME(t.Size);
    this.SUBRULE(this.duration, { LABEL: 'size' });
    this.CONSUME(t.Comma);
    this.CONSUME(t.Advance);
    this.CONSUME(t.By);
    this.SUBRULE1(this.duration, { LABEL: 'advance' });
    this.MANY(() => {
      this.CONSUME1(t.Comma);
      this.SUBRULE(this.windowOption);
    });
    this.CONSUME(t.RightParen);
  });

  public sessionWindow = this.RULE('sessionWindow', () => {
    this.CONSUME(t.Session);
    this.CONSUME(t.LeftParen);
    this.SUBRULE(this.duration, { LABEL: 'gap' });
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.SUBRULE(this.windowOption);
    });
    this.CONSUME(t.RightParen);
  });

  /** `RETENTION n unit`, `GRACE PERIOD n unit` or `TIME ZONE 'zone'` inside a window expression. */
  public windowOption = this.RULE('windowOption', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.Retention);
          this.SUBRULE(this.duration, { LABEL: 'retention' });
        },
      },
      { ALT: () => this.SUBRULE(this.gracePeriod) },
      {
        ALT: () => {
          this.CONSUME(t.Time);
          this.CONSUME(t.Zone);
          this.CONSUME(t.StringLiteral, { LABEL: 'timeZone' });
        },
      },
    ]);
  });

  /** GROUP BY / PARTITION BY: `a, b` or the parenthesised `(a, b)`, which may be empty. */
  public groupingList = this.RULE('groupingList', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          GATE: () => this.isParenthesisedListAhead(),
          ALT: () => {
            this.CONSUME(t.LeftParen, { LABEL: 'parenthesised' });
            this.MANY_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.valueExpression, { LABEL: 'items' }) });
            this.CONSUME(t.RightParen);
          },
        },
        {
          ALT: () => this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE1(this.valueExpression, { LABEL: 'items' }) }),
        },
      ],
    });
  });

  // ───────────────────────────── expressions ─────────────────────────────
  // Lowest precedence first: OR < AND < NOT < predicates < || < + - < * / % < unary
  // < AT TIME ZONE < postfix ([i], ->field) < primary.

  public expression = this.RULE('expression', () => {
    this.AT_LEAST_ONE_SEP({ SEP: t.Or, DEF: () => this.SUBRULE(this.andExpression, { LABEL: 'operands' }) });
  });

  public andExpression = this.RULE('andExpression', () => {
    this.AT_LEAST_ONE_SEP({ SEP: t.And, DEF: () => this.SUBRULE(this.notExpression, { LABEL: 'operands' }) });
  });

  public notExpression = this.RULE('notExpression', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.Not);
          this.SUBRULE(this.notExpression, { LABEL: 'negated' });
        },
      },
      { ALT: () => this.SUBRULE(this.predicated) },
    ]);
  });

  public predicated = this.RULE('predicated', () => {
    this.SUBRULE(this.valueExpression);
    this.OPTION(() => this.SUBRULE(this.predicate));
  });

  public predicate = this.RULE('predicate', () => {
    this.OR([
      {
        ALT: () => {
          this.SUBRULE(this.comparisonOperator);
          this.SUBRULE(this.valueExpression, { LABEL: 'right' });
        },
      },
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(t.Not));
          this.OR1([
            { ALT: () => this.SUBRULE(this.betweenPredicate) },
            { ALT: () => this.SUBRULE(this.inPredicate) },
            { ALT: () => this.SUBRULE(this.likePredicate) },
          ]);
        },
      },
      { ALT: () => this.SUBRULE(this.isPredicate) },
    ]);
  });

  public comparisonOperator = this.RULE('comparisonOperator', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Equals) },
      { ALT: () => this.CONSUME(t.NotEqual) },
      { ALT: () => this.CONSUME(t.Less) },
      { ALT: () => this.CONSUME(t.LessOrEqual) },
      { ALT: () => this.CONSUME(t.Greater) },
      { ALT: () => this.CONSUME(t.GreaterOrEqual) },
    ]);
  });

  public betweenPredicate = this.RULE('betweenPredicate', () => {
    this.CONSUME(t.Between);
    this.SUBRULE(this.valueExpression, { LABEL: 'lower' });
    this.CONSUME(t.And);
    this.SUBRULE1(this.valueExpression, { LABEL: 'upper' });
  });

  public inPredicate = this.RULE('inPredicate', () => {
    this.CONSUME(t.In);
    this.CONSUME(t.LeftParen);
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.expression, { LABEL: 'list' }) });
    this.CONSUME(t.RightParen);
  });

  public likePredicate = this.RULE('likePredicate', () => {
    this.CONSUME(t.Like);
    this.SUBRULE(this.valueExpression, { LABEL: 'pattern' });
    this.OPTION(() => {
      this.CONSUME(t.Escape);
      this.CONSUME(t.StringLiteral, { LABEL: 'escape' });
    });
  });

  public isPredicate = this.RULE('isPredicate', () => {
    this.CONSUME(t.Is);
    this.OPTION(() => this.CONSUME(t.Not));
    this.OR([
      { ALT: () => this.CONSUME(t.Null) },
      {
        ALT: () => {
          this.CONSUME(t.Distinct);
          this.CONSUME(t.From);
          this.SUBRULE(this.valueExpression, { LABEL: 'right' });
        },
      },
    ]);
  });

  /** `a || b`, the loosest value operator (as in ksqlDB). */
  public valueExpression = this.RULE('valueExpression', () => {
    this.AT_LEAST_ONE_SEP({ SEP: t.ConcatOperator, DEF: () => this.SUBRULE(this.additiveExpression, { LABEL: 'operands' }) });
  });

  public additiveExpression = this.RULE('additiveExpression', () => {
    this.SUBRULE(this.multiplicativeExpression, { LABEL: 'operands' });
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(t.Plus, { LABEL: 'operators' }) }, { ALT: () => this.CONSUME(t.Minus, { LABEL: 'operators' }) }]);
      this.SUBRULE1(this.multiplicativeExpression, { LABEL: 'operands' });
    });
  });

  public multiplicativeExpression = this.RULE('multiplicativeExpression', () => {
    this.SUBRULE(this.unaryExpression, { LABEL: 'operands' });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(t.Star, { LABEL: 'operators' }) },
        { ALT: () => this.CONSUME(t.Slash, { LABEL: 'operators' }) },
        { ALT: () => this.CONSUME(t.Percent, { LABEL: 'operators' }) },
      ]);
      this.SUBRULE1(this.unaryExpression, { LABEL: 'operands' });
    });
  });

  public unaryExpression = this.RULE('unaryExpression', () => {
    this.OR([
      {
        ALT: () => {
          this.OR1([{ ALT: () => this.CONSUME(t.Plus, { LABEL: 'operator' }) }, { ALT: () => this.CONSUME(t.Minus, { LABEL: 'operator' }) }]);
          this.SUBRULE(this.unaryExpression, { LABEL: 'operand' });
        },
      },
      { ALT: () => this.SUBRULE(this.atTimeZoneExpression) },
    ]);
  });

  public atTimeZoneExpression = this.RULE('atTimeZoneExpression', () => {
    this.SUBRULE(this.postfixExpression);
    this.MANY(() => {
      this.CONSUME(t.At);
      this.CONSUME(t.Time);
      this.CONSUME(t.Zone);
      this.CONSUME(t.StringLiteral, { LABEL: 'zones' });
    });
  });

  /** A primary expression followed by any number of `[index]`, `->field` and `->*`. */
  public postfixExpression = this.RULE('postfixExpression', () => {
    this.SUBRULE(this.primaryExpression);
    this.MANY(() => this.SUBRULE(this.postfixOperator));
  });

  public postfixOperator = this.RULE('postfixOperator', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.LeftBracket);
          this.SUBRULE(this.valueExpression, { LABEL: 'index' });
          this.CONSUME(t.RightBracket);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Arrow);
          this.OR1([{ ALT: () => this.CONSUME(t.Star) }, { ALT: () => this.SUBRULE(this.identifier, { LABEL: 'field' }) }]);
        },
      },
    ]);
  });

  public primaryExpression = this.RULE('primaryExpression', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.CONSUME(t.Null) },
        { ALT: () => this.CONSUME(t.True) },
        { ALT: () => this.CONSUME(t.False) },
        { ALT: () => this.CONSUME(t.IntegerLiteral) },
        { ALT: () => this.CONSUME(t.DecimalLiteral) },
        { ALT: () => this.CONSUME(t.FloatingPointLiteral) },
        { ALT: () => this.CONSUME(t.StringLiteral) },
        { ALT: () => this.SUBRULE(this.caseExpression) },
        { ALT: () => this.SUBRULE(this.castExpression) },
        { GATE: () => this.LA(2).tokenType === t.LeftBracket, ALT: () => this.SUBRULE(this.arrayConstructor) },
        { GATE: () => this.LA(2).tokenType === t.LeftParen, ALT: () => this.SUBRULE(this.mapConstructor) },
        { GATE: () => this.LA(2).tokenType === t.LeftParen, ALT: () => this.SUBRULE(this.structConstructor) },
        {
          ALT: () => {
            this.CONSUME(t.LeftParen);
            this.SUBRULE(this.expression, { LABEL: 'parenthesised' });
            this.CONSUME(t.RightParen);
          },
        },
        { GATE: () => this.LA(2).tokenType === t.StringLiteral, ALT: () => this.SUBRULE(this.typedLiteral) },
        { GATE: () => this.LA(2).tokenType === t.LeftParen, ALT: () => this.SUBRULE(this.functionCall) },
        { ALT: () => this.SUBRULE(this.columnReference) },
      ],
    });
  });

  public caseExpression = this.RULE('caseExpression', () => {
    this.CONSUME(t.Case);
    this.OPTION(() => this.SUBRULE(this.valueExpression, { LABEL: 'operand' }));
    this.AT_LEAST_ONE(() => this.SUBRULE(this.whenClause));
    this.OPTION1(() => {
      this.CONSUME(t.Else);
      this.SUBRULE(this.expression, { LABEL: 'otherwise' });
    });
    this.CONSUME(t.End);
  });

  public whenClause = this.RULE('whenClause', () => {
    this.CONSUME(t.When);
    this.SUBRULE(this.expression, { LABEL: 'condition' });
    this.CONSUME(t.Then);
    this.SUBRULE1(this.expression, { LABEL: 'result' });
  });

  public castExpression = this.RULE('castExpression', () => {
    this.CONSUME(t.Cast);
    this.CONSUME(t.LeftParen);
    this.SUBRULE(this.expression);
    this.CONSUME(t.As);
    this.SUBRULE(this.type);
    this.CONSUME(t.RightParen);
  });

  public arrayConstructor = this.RULE('arrayConstructor', () => {
    this.CONSUME(t.ArrayKeyword);
    this.CONSUME(t.LeftBracket);
    this.MANY_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.expression, { LABEL: 'elements' }) });
    this.CONSUME(t.RightBracket);
  });

  public mapConstructor = this.RULE('mapConstructor', () => {
    this.CONSUME(t.MapKeyword);
    this.CONSUME(t.LeftParen);
    this.MANY_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.mapEntry, { LABEL: 'entries' }) });
    this.CONSUME(t.RightParen);
  });

  public mapEntry = this.RULE('mapEntry', () => {
    this.SUBRULE(this.expression, { LABEL: 'key' });
    this.CONSUME(t.Assign);
    this.SUBRULE1(this.expression, { LABEL: 'value' });
  });

  public structConstructor = this.RULE('structConstructor', () => {
    this.CONSUME(t.Struct);
    this.CONSUME(t.LeftParen);
    this.MANY_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.structEntry, { LABEL: 'entries' }) });
    this.CONSUME(t.RightParen);
  });

  public structEntry = this.RULE('structEntry', () => {
    this.SUBRULE(this.identifier, { LABEL: 'name' });
    this.CONSUME(t.Assign);
    this.SUBRULE(this.expression, { LABEL: 'value' });
  });

  /** `DATE '2020-01-01'`: a type name before a string. */
  public typedLiteral = this.RULE('typedLiteral', () => {
    this.SUBRULE(this.identifier, { LABEL: 'typeName' });
    this.CONSUME(t.StringLiteral);
  });

  public functionCall = this.RULE('functionCall', () => {
    this.SUBRULE(this.identifier, { LABEL: 'name' });
    this.CONSUME(t.LeftParen);
    this.OPTION(() =>
      this.OR([
        { ALT: () => this.CONSUME(t.Star) },
        { ALT: () => this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.functionArgument, { LABEL: 'args' }) }) },
      ]),
    );
    this.CONSUME(t.RightParen);
  });

  public functionArgument = this.RULE('functionArgument', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => this.isLambdaAhead(), ALT: () => this.SUBRULE(this.lambda) },
        { ALT: () => this.SUBRULE(this.expression) },
      ],
    });
  });

  /** `x => body` or `(x, y) => body` */
  public lambda = this.RULE('lambda', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.identifier, { LABEL: 'params' }) },
      {
        ALT: () => {
          this.CONSUME(t.LeftParen);
          this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE1(this.identifier, { LABEL: 'params' }) });
          this.CONSUME(t.RightParen);
        },
      },
    ]);
    this.CONSUME(t.LambdaArrow);
    this.SUBRULE(this.expression, { LABEL: 'body' });
  });

  /** `col` or `source.col` */
  public columnReference = this.RULE('columnReference', () => {
    this.SUBRULE(this.identifier, { LABEL: 'parts' });
    this.OPTION(() => {
      this.CONSUME(t.Dot);
      this.SUBRULE1(this.identifier, { LABEL: 'parts' });
    });
  });

  // ─────────────────────────────── types ───────────────────────────────

  /** A type, optionally followed by ksqlDB's suffix form `t ARRAY`. */
  public type = this.RULE('type', () => {
    this.SUBRULE(this.baseType);
    this.MANY(() => this.CONSUME(t.ArrayKeyword, { LABEL: 'arraySuffix' }));
  });

  public baseType = this.RULE('baseType', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          GATE: () => this.LA(2).tokenType === t.Less,
          ALT: () => {
            this.CONSUME(t.ArrayKeyword);
            this.CONSUME(t.Less);
            this.SUBRULE(this.type, { LABEL: 'element' });
            this.CONSUME(t.Greater);
          },
        },
        {
          GATE: () => this.LA(2).tokenType === t.Less,
          ALT: () => {
            this.CONSUME(t.MapKeyword);
            this.CONSUME1(t.Less);
            this.SUBRULE1(this.type, { LABEL: 'key' });
            this.CONSUME(t.Comma);
            this.SUBRULE2(this.type, { LABEL: 'value' });
            this.CONSUME1(t.Greater);
          },
        },
        {
          GATE: () => this.LA(2).tokenType === t.Less || this.LA(2).tokenType === t.NotEqual,
          ALT: () => {
            this.CONSUME(t.Struct, { LABEL: 'struct' });
            this.OR1([
              { ALT: () => this.CONSUME(t.NotEqual, { LABEL: 'emptyStruct' }) },
              {
                ALT: () => {
                  this.CONSUME2(t.Less);
                  this.MANY_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.structField, { LABEL: 'fields' }) });
                  this.CONSUME2(t.Greater);
                },
              },
            ]);
          },
        },
        {
          ALT: () => {
            this.SUBRULE(this.identifier, { LABEL: 'name' });
            this.OPTION(() => {
              this.CONSUME(t.LeftParen);
              this.AT_LEAST_ONE_SEP1({ SEP: t.Comma, DEF: () => this.SUBRULE(this.typeParameter, { LABEL: 'parameters' }) });
              this.CONSUME(t.RightParen);
            });
          },
        },
      ],
    });
  });

  public structField = this.RULE('structField', () => {
    this.SUBRULE(this.identifier, { LABEL: 'name' });
    this.SUBRULE(this.type);
  });

  public typeParameter = this.RULE('typeParameter', () => {
    this.OR([{ ALT: () => this.CONSUME(t.IntegerLiteral) }, { ALT: () => this.SUBRULE(this.identifier) }]);
  });

  /** A name: a plain, quoted or back-quoted identifier, or a non-reserved keyword. */
  public identifier = this.RULE('identifier', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Identifier) },
      { ALT: () => this.CONSUME(t.QuotedIdentifier) },
      { ALT: () => this.CONSUME(t.BackQuotedIdentifier) },
      { ALT: () => this.CONSUME(t.DigitIdentifier) },
      { ALT: () => this.CONSUME(t.NonReservedKeyword) },
    ]);
  });

  /** For `parseExpression`: an expression and nothing else. */
  public standaloneExpression = this.RULE('standaloneExpression', () => {
    this.SUBRULE(this.expression);
  });

  /** For `parseType`: a type and nothing else. */
  public standaloneType = this.RULE('standaloneType', () => {
    this.SUBRULE(this.type);
  });

  // ─────────────────────────────── gates ───────────────────────────────

  private isEndOfStatementOrExtended(distance: number): boolean {
    const type = this.LA(distance).tokenType;
    return type === EOF || type === t.Semicolon || type === t.Extended;
  }

  /** An alias follows a source unless the next words are `EMIT CHANGES|FINAL` or `PARTITION BY`. */
  private isSourceAliasAhead(): boolean {
    const next = this.LA(1).tokenType;
    const after = this.LA(2).tokenType;
    if (next === t.Emit && (after === t.Changes || after === t.Final)) return false;
    return !(next === t.Partition && after === t.By);
  }

  /** `(` ... `)` holding a top-level comma or nothing: a parenthesised GROUP BY / PARTITION BY list. */
  private isParenthesisedListAhead(): boolean {
    if (this.LA(1).tokenType !== t.LeftParen) return false;
    if (this.LA(2).tokenType === t.RightParen) return true;
    let depth = 0;
    for (let distance = 1; ; distance++) {
      const type = this.LA(distance).tokenType;
      if (type === EOF) return false;
      if (type === t.LeftParen || type === t.LeftBracket) depth++;
      if (type === t.RightParen || type === t.RightBracket) depth--;
      if (depth === 0) return false;
      if (depth === 1 && type === t.Comma) return true;
    }
  }

  /** `name =>` or `(name, ...) =>` */
  private isLambdaAhead(): boolean {
    if (isIdentifierToken(this.LA(1))) return this.LA(2).tokenType === t.LambdaArrow;
    if (this.LA(1).tokenType !== t.LeftParen) return false;
    for (let distance = 2; ; distance += 2) {
      if (!isIdentifierToken(this.LA(distance))) return false;
      const separator = this.LA(distance + 1).tokenType;
      if (separator === t.RightParen) return this.LA(distance + 2).tokenType === t.LambdaArrow;
      if (separator !== t.Comma) return false;
    }
  }
}
