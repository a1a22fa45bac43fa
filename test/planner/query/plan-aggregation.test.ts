// Planning GROUP BY, WINDOW, HAVING and EMIT FINAL: the Aggregate node (keys, aggregate columns,
// window, whether rows repartition), the SELECT items rewritten over it, and ksqlDB's errors.
import { describe, expect, it } from 'vitest';
import { parseStatement, type CreateAsSelect, type CreateSource } from '../../../src/parser/index.js';
import { Metastore, createBuiltinRegistry, explainPlan, formatSchema, layeredConfig, planCreateSource, planQuery, type QueryPlan } from '../../../src/planner/index.js';

const registry = createBuiltinRegistry();
const STREAM = "CREATE STREAM S (ID INT KEY, NAME STRING, AGE INT) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON');";
const TABLE = "CREATE TABLE T (ID INT PRIMARY KEY, NAME STRING, AGE INT) WITH (KAFKA_TOPIC='t', VALUE_FORMAT='JSON');";

function plan(text: string): QueryPlan {
  const metastore = new Metastore();
  for (const ddl of [STREAM, TABLE]) {
    metastore.putSource(planCreateSource(parseStatement(ddl).statement as CreateSource, ddl, metastore, layeredConfig({})).source);
  }
  const statement = parseStatement(text).statement as CreateAsSelect;
  return planQuery(
    statement.query,
    { kind: 'CreateAsSelect', name: statement.name, sourceType: statement.sourceType, properties: statement.properties, statementText: text },
    'CTAS_TEST_0',
    { metastore, registry, config: layeredConfig({}) },
  );
}

describe('planning aggregations', () => {
  it('aggregates a stream keyed by its GROUP BY where it is, and repartitions otherwise', () => {
    const byKey = plan('CREATE TABLE OUT AS SELECT ID, COUNT(*) AS N FROM S GROUP BY ID;');
    expect(byKey.aggregate).toMatchObject({ repartition: false, inputIsTable: false, window: undefined, emitFinal: false });
    expect(formatSchema(byKey.sinkSource.columns)).toBe('`ID` INTEGER KEY, `N` BIGINT');
    expect(byKey.sinkSource.sourceType).toBe('TABLE');

    const byName = plan('CREATE TABLE OUT AS SELECT NAME AS WHO, COUNT(*) AS N, SUM(AGE) FROM S GROUP BY NAME;');
    expect(byName.aggregate).toMatchObject({ repartition: true });
    expect(formatSchema(byName.sinkSource.columns)).toBe('`WHO` STRING KEY, `N` BIGINT, `KSQL_COL_0` INTEGER');
    expect(explainPlan(byName)).toContain('Aggregate/GroupBy | S.NAME | `NAME` STRING KEY, `KSQL_AGG_VARIABLE_0` BIGINT, `KSQL_AGG_VARIABLE_1` INTEGER');
  });

  it('always repartitions a table, and takes its old rows back out', () => {
    const planned = plan('CREATE TABLE OUT AS SELECT NAME, COUNT(*) AS N FROM T GROUP BY NAME;');
    expect(planned.aggregate).toMatchObject({ repartition: true, inputIsTable: true });
    expect(() => plan('CREATE TABLE OUT AS SELECT NAME, MAX(AGE) AS N FROM T GROUP BY NAME;')).toThrow(
      'The aggregation function MAX cannot be applied to a table source, only to a stream source.',
    );
  });

  it('windows with ksqlDB defaults, and writes a windowed table', () => {
    const planned = plan('CREATE TABLE OUT AS SELECT ID, COUNT(*) AS N FROM S WINDOW HOPPING (SIZE 1 MINUTE, ADVANCE BY 10 SECONDS) GROUP BY ID EMIT FINAL;');
    expect(planned.aggregate?.window).toEqual({ kind: 'HOPPING', sizeMs: 60_000, advanceMs: 10_000, graceMs: 86_400_000 - 60_000, retentionMs: 86_400_000 });
    expect(planned.aggregate?.emitFinal).toBe(true);
    expect(planned.sinkSource.window).toEqual({ type: 'HOPPING', sizeMs: 60_000 });
    const session = plan('CREATE TABLE OUT AS SELECT ID, COUNT(*) AS N, WINDOWSTART AS WS FROM S WINDOW SESSION (30 SECONDS, GRACE PERIOD 5 SECONDS) GROUP BY ID;');
    expect(session.aggregate?.window).toEqual({ kind: 'SESSION', gapMs: 30_000, graceMs: 5000, retentionMs: 35_000 });
    expect(formatSchema(session.sinkSource.columns)).toBe('`ID` INTEGER KEY, `N` BIGINT, `WS` BIGINT');
  });

  it('aligns windows to a TIME ZONE, beyond ksqlDB', () => {
    const planned = plan("CREATE TABLE OUT AS SELECT ID, COUNT(*) AS N FROM S WINDOW TUMBLING (SIZE 1 DAY, TIME ZONE 'Europe/Paris', GRACE PERIOD 1 HOUR) GROUP BY ID;");
    expect(planned.aggregate?.window).toMatchObject({ kind: 'TUMBLING', sizeMs: 86_400_000, graceMs: 3_600_000, timeZone: 'Europe/Paris' });
    expect(() => plan("CREATE TABLE OUT AS SELECT ID, COUNT(*) FROM S WINDOW TUMBLING (SIZE 1 DAY, TIME ZONE 'Mars/Olympus') GROUP BY ID;")).toThrow("Unknown time zone in the window: 'Mars/Olympus'");
    expect(() => plan("CREATE TABLE OUT AS SELECT ID, COUNT(*) FROM S WINDOW SESSION (1 HOUR, TIME ZONE 'UTC') GROUP BY ID;")).toThrow('a SESSION window has no alignment');
  });

  it('says what ksqlDB says about misplaced columns and functions', () => {
    const cases: [string, string][] = [
      ['SELECT NAME, AGE, COUNT(*) FROM S GROUP BY NAME', 'Non-aggregate SELECT expression(s) not part of GROUP BY: AGE'],
      ['SELECT NAME, COUNT(*) FROM S GROUP BY NAME HAVING AGE > 1', 'Non-aggregate HAVING expression not part of GROUP BY: AGE'],
      ['SELECT NAME FROM S GROUP BY NAME', 'GROUP BY requires aggregate functions in either the SELECT or HAVING clause.'],
      ['SELECT NAME, COUNT(*) FROM S GROUP BY COUNT(*)', 'GROUP BY does not support aggregate functions: COUNT is an aggregate function.'],
      ['SELECT NAME, SUM(COUNT(*)) FROM S GROUP BY NAME', 'Aggregate functions can not be nested: SUM(COUNT(*))'],
      ['SELECT COUNT(*) FROM S GROUP BY NAME', 'must include the grouping expression NAME in its projection'],
      ['SELECT NAME, NAME AS N2, COUNT(*) FROM S GROUP BY NAME', 'The projection contains a key column more than once: `NAME` and `N2`.'],
      ['SELECT NAME, COUNT(*) FROM S GROUP BY NAME, S.NAME', 'Duplicate GROUP BY expression: S.NAME'],
      ['SELECT AGE, COUNT(*) FROM S', 'Non-aggregate SELECT expression(s) not part of GROUP BY: AGE'],
      ['SELECT NAME, NOPE(AGE) FROM S GROUP BY NAME', "Can't find any functions with the name 'NOPE'"],
      ['SELECT COUNT(*) FROM S', 'CREATE TABLE AS SELECT statement does not support aggregate function [COUNT(ROWTIME)] without a GROUP BY clause.'],
    ];
    for (const [select, message] of cases) expect(() => plan(`CREATE TABLE OUT AS ${select};`), select).toThrow(message);
    expect(() => plan('CREATE STREAM OUT AS SELECT ID, AGE FROM S EMIT FINAL;')).toThrow('EMIT FINAL is only supported for windowed aggregations.');
    expect(() => plan('CREATE TABLE OUT AS SELECT ID, COUNT(*) FROM S GROUP BY ID EMIT FINAL;')).toThrow('EMIT FINAL is only supported for windowed aggregations.');
    expect(() => plan('CREATE STREAM OUT AS SELECT ID, COUNT(*) FROM S GROUP BY ID;')).toThrow('Your SELECT query produces a TABLE');
  });
});
