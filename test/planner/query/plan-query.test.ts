// Planning stateless queries: the operator chain (as EXPLAIN text), ksqlDB's key rules, and errors.
import { describe, expect, it } from 'vitest';
import { parseStatement, type CreateAsSelect, type CreateSource } from '../../../src/parser/index.js';
import {
  Metastore,
  createBuiltinRegistry,
  explainPlan,
  formatSchema,
  layeredConfig,
  planCreateSource,
  planQuery,
  type QueryPlan,
} from '../../../src/planner/index.js';

const registry = createBuiltinRegistry();

function catalog(...ddl: string[]): Metastore {
  const metastore = new Metastore();
  for (const text of ddl) {
    const statement = parseStatement(text).statement as CreateSource;
    metastore.putSource(planCreateSource(statement, text, metastore, layeredConfig({})).source);
  }
  return metastore;
}

function plan(metastore: Metastore, text: string, properties: Record<string, string> = {}): QueryPlan {
  const statement = parseStatement(text).statement as CreateAsSelect;
  return planQuery(
    statement.query,
    { kind: 'CreateAsSelect', name: statement.name, sourceType: statement.sourceType, properties: statement.properties, statementText: text },
    'CSAS_TEST_0',
    { metastore, registry, config: layeredConfig(properties) },
  );
}

const INPUT = "CREATE STREAM INPUT (ID INT KEY, NAME STRING, AGE INT) WITH (KAFKA_TOPIC='input', VALUE_FORMAT='JSON');";

describe('planQuery', () => {
  it('chains source, filter, projection and sink', () => {
    //   INPUT --WHERE AGE > 18--> project ID, UCASE(NAME) --> OUTPUT
    const planned = plan(catalog(INPUT), 'CREATE STREAM OUTPUT AS SELECT ID, UCASE(NAME) AS NAME FROM INPUT WHERE AGE > 18;');
    expect(explainPlan(planned)).toBe(
      [
        'Logical plan:',
        '  KsqlTopic/Sink | OUTPUT (STREAM) | `ID` INTEGER KEY, `NAME` STRING',
        '    Project | ID AS ID, UCASE(NAME) AS NAME | `ID` INTEGER KEY, `NAME` STRING',
        '      WhereFilter | (INPUT.AGE > 18) | `ID` INTEGER KEY, `NAME` STRING, `AGE` INTEGER',
        '        KsqlTopic/Source | INPUT (STREAM) | `ID` INTEGER KEY, `NAME` STRING, `AGE` INTEGER',
        '',
        'Physical plan (CSAS_TEST_0):',
        '  source: topic input | key KAFKA | value JSON',
        '  filter: compiled predicate',
        '  project: 2 compiled expressions, 1 key',
        '  sink: topic OUTPUT | key KAFKA | value JSON',
      ].join('\n'),
    );
  });

  it('rekeys with PARTITION BY before the projection, moving the old key into the value', () => {
    const planned = plan(catalog(INPUT), 'CREATE STREAM OUTPUT AS SELECT * FROM INPUT PARTITION BY NAME;');
    expect(formatSchema(planned.sinkSource.columns)).toBe('`NAME` STRING KEY, `AGE` INTEGER, `ID` INTEGER');
    expect(planned.steps.map((step) => (step.kind === 'Project' ? step.label : step.kind))).toEqual(['PartitionBy', 'Project']);
  });

  it('names an unaliased expression KSQL_COL_0 and a struct field by its name', () => {
    const metastore = catalog("CREATE STREAM S (K STRING KEY, A STRUCT<B INT>, C INT) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON');");
    const planned = plan(metastore, 'CREATE STREAM OUTPUT AS SELECT K, A->B, C + 1 FROM S;');
    expect(planned.sinkSource.columns.map((column) => column.name)).toEqual(['K', 'B', 'KSQL_COL_0']);
  });

  it('requires the key column in the projection', () => {
    expect(() => plan(catalog(INPUT), 'CREATE STREAM OUTPUT AS SELECT NAME FROM INPUT;')).toThrow(
      'The query used to build `OUTPUT` must include the key column ID in its projection (eg, SELECT ID...).',
    );
  });

  it('drops an unselected key under the new query planner', () => {
    const planned = plan(catalog(INPUT), 'CREATE STREAM OUTPUT AS SELECT NAME FROM INPUT;', { 'ksql.new.query.planner.enabled': 'true' });
    expect(formatSchema(planned.sinkSource.columns)).toBe('`NAME` STRING');
  });

  it('refuses a key selected twice', () => {
    expect(() => plan(catalog(INPUT), 'CREATE STREAM OUTPUT AS SELECT ID, ID AS ID2, NAME FROM INPUT;')).toThrow(
      'The projection contains a key column (`ID`) more than once, aliased as: ID and ID2.',
    );
  });

  it('refuses a reserved name as an output column', () => {
    expect(() => plan(catalog(INPUT), 'CREATE STREAM OUTPUT AS SELECT ID, NAME AS ROWTIME FROM INPUT;')).toThrow(
      '`ROWTIME` is a reserved column name.',
    );
  });

  it('names the clause of an unknown column and suggests the closest name', () => {
    expect(() => plan(catalog(INPUT), 'CREATE STREAM OUTPUT AS SELECT ID, NAME FROM INPUT WHERE AEG > 1;')).toThrow(
      /WHERE column 'AEG' cannot be resolved\. Did you mean 'AGE'\?/,
    );
  });

  it('lifts a table function into its own step', () => {
    const metastore = catalog("CREATE STREAM S (K STRING KEY, XS ARRAY<INT>) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON');");
    const planned = plan(metastore, 'CREATE STREAM OUTPUT AS SELECT K, EXPLODE(XS) AS X FROM S;');
    expect(planned.steps.map((step) => step.kind)).toEqual(['TableFunctions', 'Project']);
    expect(formatSchema(planned.sinkSource.columns)).toBe('`K` STRING KEY, `X` INTEGER');
  });

  it('runs a lifted table function over the row, giving null for a null argument', () => {
    //   row: K, XS, ROWTIME, ROWPARTITION, ROWOFFSET
    const metastore = catalog("CREATE STREAM S (K STRING KEY, XS ARRAY<INT>) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON');");
    const step = plan(metastore, 'CREATE STREAM OUTPUT AS SELECT K, EXPLODE(XS) AS X FROM S;').steps[0]!;
    if (step.kind !== 'TableFunctions') throw new Error(`expected a TableFunctions step, got ${step.kind}`);
    const [explode] = step.functions;
    expect(explode!(['k', [1, 2], 0n, 0, 0n])).toEqual([1, 2]);
    expect(explode!(['k', null, 0n, 0, 0n])).toBeNull();
  });

  it('refuses a sink whose kind differs from what the SELECT produces', () => {
    const metastore = catalog(INPUT, "CREATE TABLE T (ID INT PRIMARY KEY, NAME STRING) WITH (KAFKA_TOPIC='t', VALUE_FORMAT='JSON');");
    expect(() => plan(metastore, 'CREATE TABLE OUTPUT AS SELECT * FROM INPUT;')).toThrow(
      'Invalid result type. Your SELECT query produces a STREAM. Please use CREATE STREAM AS SELECT statement instead.',
    );
    expect(() => plan(metastore, 'CREATE STREAM OUTPUT AS SELECT * FROM T;')).toThrow(
      'Invalid result type. Your SELECT query produces a TABLE. Please use CREATE TABLE AS SELECT statement instead.',
    );
  });

  it('defaults the sink topic to the sink name, with the configured prefix', () => {
    const planned = plan(catalog(INPUT), 'CREATE STREAM OUTPUT AS SELECT * FROM INPUT;', { 'ksql.output.topic.name.prefix': 'team.' });
    expect(planned.sink.topic).toBe('team.OUTPUT');
  });
});
