// planSink: a CREATE ... AS SELECT sink's formats must hold its key and value columns, checked at
// plan time; an INSERT INTO's result must match its sink's schema, up to ksqlDB's implicit casts.
import { describe, expect, it } from 'vitest';
import { parseStatement, type CreateAsSelect, type CreateSource, type InsertInto } from '../../../src/parser/index.js';
import { Metastore, createBuiltinRegistry, layeredConfig, planCreateSource, planQuery, type QueryPlan } from '../../../src/planner/index.js';

const STREAM = "CREATE STREAM S (ID INT KEY, A INT, B INT, F DECIMAL(2, 1)) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON');";

function catalog(...definitions: string[]): Metastore {
  const metastore = new Metastore();
  for (const text of [STREAM, ...definitions]) {
    metastore.putSource(planCreateSource(parseStatement(text).statement as CreateSource, text, metastore, layeredConfig({})).source);
  }
  return metastore;
}

function plan(text: string): QueryPlan {
  const metastore = catalog();
  const statement = parseStatement(text).statement as CreateAsSelect;
  return planQuery(
    statement.query,
    { kind: 'CreateAsSelect', name: statement.name, sourceType: statement.sourceType, properties: statement.properties, statementText: text },
    'CTAS_TEST_0',
    { metastore, registry: createBuiltinRegistry(), config: layeredConfig({}) },
  );
}

describe('planSink for CREATE ... AS SELECT', () => {
  it('refuses a KAFKA key format for several GROUP BY columns', () => {
    expect(() => plan('CREATE TABLE T AS SELECT A, B, COUNT(*) FROM S GROUP BY A, B;')).toThrow(
      expect.objectContaining({
        name: 'PlanError',
        code: 'PLAN_ERROR',
        message:
          'Key format does not support schema.\nformat: KAFKA\n' +
          'schema: Persistence{columns=[`A` INTEGER KEY, `B` INTEGER KEY], features=[]}\n' +
          "reason: The 'KAFKA' format only supports a single field. Got: [`A` INTEGER KEY, `B` INTEGER KEY]",
      }),
    );
  });

  it('accepts several key columns in a format that holds them', () => {
    expect(plan("CREATE TABLE T WITH (KEY_FORMAT='JSON') AS SELECT A, B, COUNT(*) FROM S GROUP BY A, B;").sinkSource.keyFormat.format).toBe('JSON');
  });

  it('refuses a KAFKA key of a type Kafka has no serde for', () => {
    expect(() => plan('CREATE TABLE T AS SELECT F, COUNT(*) AS N FROM S GROUP BY F;')).toThrow("reason: The 'KAFKA' format does not support type 'DECIMAL'");
  });

  it('refuses sink value columns the value format cannot hold', () => {
    expect(() => plan("CREATE STREAM O WITH (VALUE_FORMAT='KAFKA') AS SELECT ID, A, B FROM S;")).toThrow(
      "Value format does not support schema.\nformat: KAFKA\nschema: Persistence{columns=[`A` INTEGER, `B` INTEGER], features=[]}",
    );
  });
});

describe('planSink for INSERT INTO', () => {
  const TARGET = "CREATE STREAM T (ID INT KEY, C1 DECIMAL(5, 2), C2 DECIMAL(5, 2), C3 DOUBLE) WITH (KAFKA_TOPIC='t', VALUE_FORMAT='JSON');";

  function insert(text: string): QueryPlan {
    const metastore = catalog(TARGET);
    const statement = parseStatement(text).statement as InsertInto;
    return planQuery(statement.query, { kind: 'InsertInto', sink: metastore.getSource('T')!, properties: undefined }, 'INSERTQUERY_0', {
      metastore,
      registry: createBuiltinRegistry(),
      config: layeredConfig({}),
    });
  }

  it('casts narrower numbers to the sink columns’ types', () => {
    const planned = insert('INSERT INTO T SELECT ID, A AS C1, F AS C2, B AS C3 FROM S;');
    expect(planned.sinkSource.name).toBe('T');
    const project = planned.steps.find((step) => step.kind === 'Project');
    expect(project?.kind === 'Project' ? project.description : undefined).toBe(
      'ID AS ID, CAST(A AS DECIMAL(5, 2)) AS C1, CAST(F AS DECIMAL(5, 2)) AS C2, CAST(B AS DOUBLE) AS C3',
    );
  });

  it('refuses a number that would lose digits or a type that does not widen', () => {
    expect(() => insert('INSERT INTO T SELECT ID, CAST(1 AS DECIMAL(4, 3)) AS C1, F AS C2, B AS C3 FROM S;')).toThrow(
      'Incompatible schema between results and sink.',
    );
    expect(() => insert("INSERT INTO T SELECT ID, A AS C1, F AS C2, 'x' AS C3 FROM S;")).toThrow('Incompatible schema between results and sink.');
  });
});
