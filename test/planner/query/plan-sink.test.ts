// planSink: a CREATE ... AS SELECT sink's formats must hold its key and value columns, checked at plan time.
import { describe, expect, it } from 'vitest';
import { parseStatement, type CreateAsSelect, type CreateSource } from '../../../src/parser/index.js';
import { Metastore, createBuiltinRegistry, layeredConfig, planCreateSource, planQuery, type QueryPlan } from '../../../src/planner/index.js';

const STREAM = "CREATE STREAM S (ID INT KEY, A INT, B INT, F DECIMAL(2, 1)) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON');";

function plan(text: string): QueryPlan {
  const metastore = new Metastore();
  metastore.putSource(planCreateSource(parseStatement(STREAM).statement as CreateSource, STREAM, metastore, layeredConfig({})).source);
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
