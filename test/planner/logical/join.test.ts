// joinNode through buildLogicalPlan: the join's shape and window, the output schema and its key,
// and ksqlDB's messages for joins it refuses.
import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry, layeredConfig } from '../../../src/planner/index.js';
import type { JoinNode } from '../../../src/planner/logical/join.js';
import type { LogicalNode } from '../../../src/planner/logical/logical-node.js';
import { buildLogicalPlan } from '../../../src/planner/query/build-logical-plan.js';
import { catalog, queryOf } from './logical-fixtures.js';

const registry = createBuiltinRegistry();
const config = layeredConfig({});

const LEFT = "CREATE STREAM L (ID INT KEY, NAME STRING, V BIGINT) WITH (KAFKA_TOPIC='l', VALUE_FORMAT='JSON');";
const RIGHT = "CREATE STREAM R (ID INT KEY, F STRING, RID INT) WITH (KAFKA_TOPIC='r', VALUE_FORMAT='JSON');";
const TABLE = "CREATE TABLE T (ID INT PRIMARY KEY, TNAME STRING) WITH (KAFKA_TOPIC='t', VALUE_FORMAT='JSON');";
const TABLE2 = "CREATE TABLE U (UID INT PRIMARY KEY, T_ID INT, X STRING) WITH (KAFKA_TOPIC='u', VALUE_FORMAT='JSON');";

function planned(select: string, sourceType: 'STREAM' | 'TABLE' = 'STREAM') {
  const metastore = catalog(LEFT, RIGHT, TABLE, TABLE2);
  const target = { kind: 'CreateAsSelect', name: 'OUTPUT', sourceType, properties: undefined, statementText: '' } as const;
  return buildLogicalPlan(queryOf(select), target, { metastore, registry, config });
}

function findJoin(node: LogicalNode): JoinNode {
  if (node.kind === 'Join') return node;
  const input = (node as { input?: LogicalNode }).input;
  if (input === undefined) throw new Error('no join in the plan');
  return findJoin(input);
}

const columns = (node: LogicalNode) =>
  node.schema.columns.filter((column) => column.role !== 'PSEUDO').map((column) => `${column.name} ${column.role}`);

describe('joinNode', () => {
  it('plans a stream-stream join with its window, the left key as the output key, and prefixed names', () => {
    const sink = planned('SELECT * FROM L JOIN R WITHIN (1 SECOND, 2 SECONDS) GRACE PERIOD 3 SECONDS ON L.ID = R.ID');
    const join = findJoin(sink);
    expect(join.shape).toBe('StreamStream');
    expect(join.joinType).toBe('INNER');
    expect(join.window).toEqual({ beforeMs: 1000, afterMs: 2000, graceMs: 3000, eager: false });
    expect(join.repartitionLeft || join.repartitionRight).toBe(false);
    expect(columns(sink)).toEqual(['L_ID KEY', 'L_NAME VALUE', 'L_V VALUE', 'R_ID VALUE', 'R_F VALUE', 'R_RID VALUE']);
  });

  it('lists under `*` each windowed source\'s key, then its window bounds, then its values', () => {
    const windowed = (name: string, type: string) =>
      `CREATE STREAM ${name} (ID INT KEY, V BIGINT) WITH (KAFKA_TOPIC='${name.toLowerCase()}', VALUE_FORMAT='JSON', WINDOW_TYPE='${type}', WINDOW_SIZE='5 SECONDS');`;
    const metastore = catalog(windowed('W1', 'HOPPING'), windowed('W2', 'HOPPING'));
    const target = { kind: 'CreateAsSelect', name: 'OUTPUT', sourceType: 'STREAM', properties: undefined, statementText: '' } as const;
    const sink = buildLogicalPlan(queryOf('SELECT * FROM W1 JOIN W2 WITHIN 1 MINUTE ON W1.ID = W2.ID'), target, { metastore, registry, config });
    expect(columns(sink)).toEqual([
      'W1_ID KEY',
      'W1_WINDOWSTART VALUE',
      'W1_WINDOWEND VALUE',
      'W1_V VALUE',
      'W2_ID VALUE',
      'W2_WINDOWSTART VALUE',
      'W2_WINDOWEND VALUE',
      'W2_V VALUE',
    ]);
  });

  it('lists under `*` after PARTITION BY each source\'s values, ROWTIME, ROWPARTITION, ROWOFFSET and old key, as ksqlDB\'s join schema has them', () => {
    //   L: ID KEY, NAME, V   R: ID KEY, F, RID   --PARTITION BY L.NAME-->   L_NAME KEY, L_V, L_ROWTIME.., L_ID, R_F, R_RID, R_ROWTIME.., R_ID
    const sink = planned('SELECT * FROM L JOIN R WITHIN 1 SECOND ON L.ID = R.ID PARTITION BY L.NAME');
    expect(columns(sink)).toEqual([
      'L_NAME KEY',
      'L_V VALUE',
      'L_ROWTIME VALUE',
      'L_ROWPARTITION VALUE',
      'L_ROWOFFSET VALUE',
      'L_ID VALUE',
      'R_F VALUE',
      'R_RID VALUE',
      'R_ROWTIME VALUE',
      'R_ROWPARTITION VALUE',
      'R_ROWOFFSET VALUE',
      'R_ID VALUE',
    ]);
  });

  it('names a PARTITION BY key after the source of its column over a join: PARTITION BY R.F is R_F', () => {
    const sink = planned('SELECT * FROM L JOIN R WITHIN 1 SECOND ON L.ID = R.ID PARTITION BY R.F');
    expect(columns(sink).slice(0, 3)).toEqual(['R_F KEY', 'L_NAME VALUE', 'L_V VALUE']);
  });

  it('moves only the named source\'s column into the key on PARTITION BY over a join: R.ID stays a value', () => {
    const sink = planned('SELECT L.ID AS LID, R.ID FROM L JOIN R WITHIN 1 SECOND ON L.ID = R.ID PARTITION BY L.ID');
    expect(columns(sink)).toEqual(['LID KEY', 'R_ID VALUE']);
    expect(() => planned('SELECT R.ID FROM L JOIN R WITHIN 1 SECOND ON L.ID = R.ID PARTITION BY L.ID')).toThrow(
      'must include the key column ID in its projection',
    );
  });

  it('treats a window without GRACE as eager, with the legacy 24-hour grace', () => {
    const join = findJoin(planned('SELECT * FROM L LEFT JOIN R WITHIN 10 SECONDS ON L.ID = R.ID'));
    expect(join.joinType).toBe('LEFT');
    expect(join.window).toEqual({ beforeMs: 10000, afterMs: 10000, graceMs: 86380000, eager: true });
  });

  it('repartitions a side joined on a value column, and a FULL OUTER join keys its output by ROWKEY', () => {
    const join = findJoin(planned('SELECT * FROM L FULL OUTER JOIN R WITHIN 1 SECOND ON L.ID = R.RID'));
    expect(join.repartitionLeft).toBe(false);
    expect(join.repartitionRight).toBe(true);
    expect(join.syntheticKey).toBe(true);
    expect(join.schema.columns[0]!.name).toBe('ROWKEY');
  });

  it('plans stream-table and table-table joins without a window', () => {
    expect(findJoin(planned('SELECT L.ID, TNAME FROM L LEFT JOIN T ON L.ID = T.ID')).shape).toBe('StreamTable');
    const tableTable = findJoin(planned('SELECT T.ID, X FROM T JOIN U ON T.ID = U.UID', 'TABLE'));
    expect(tableTable.shape).toBe('TableTable');
    expect(tableTable.foreignKey).toBe(false);
  });

  it('plans a foreign-key table-table join on a value column of the left table', () => {
    const join = findJoin(planned('SELECT U.UID, TNAME FROM U JOIN T ON U.T_ID = T.ID', 'TABLE'));
    expect(join.foreignKey).toBe(true);
  });

  it('plans a foreign-key join over an earlier join\'s results, keyed by that join\'s key (beyond ksqlDB)', () => {
    const TABLE3 = "CREATE TABLE V (VID STRING PRIMARY KEY, LABEL STRING) WITH (KAFKA_TOPIC='v', VALUE_FORMAT='JSON');";
    const metastore = catalog(TABLE, TABLE2, TABLE3);
    const target = { kind: 'CreateAsSelect', name: 'OUTPUT', sourceType: 'TABLE', properties: undefined, statementText: '' } as const;
    const query = queryOf('SELECT U.UID, TNAME, LABEL FROM U JOIN T ON U.T_ID = T.ID JOIN V ON U.X = V.VID');
    const sink = buildLogicalPlan(query, target, { metastore, registry, config });
    const outer = findJoin(sink);
    expect(outer.foreignKey).toBe(true);
    expect((outer.left as JoinNode).foreignKey).toBe(true);
    expect(columns(sink)).toEqual(['UID KEY', 'TNAME VALUE', 'LABEL VALUE']);
  });

  it('refuses the joins ksqlDB refuses, with its messages', () => {
    expect(() => planned('SELECT * FROM L JOIN R ON L.ID = R.ID')).toThrow('Stream-Stream joins must have a WITHIN clause specified. None was provided.');
    expect(() => planned('SELECT * FROM L JOIN T WITHIN 1 SECOND ON L.ID = T.ID')).toThrow(
      'A window definition was provided for a Stream-Table join.',
    );
    expect(() => planned('SELECT * FROM T JOIN L ON T.ID = L.ID')).toThrow('Invalid join order: table-stream joins are not supported; only stream-table joins.');
    expect(() => planned('SELECT * FROM L FULL OUTER JOIN T ON L.ID = T.ID')).toThrow('Invalid join type: full-outer join not supported for stream-table join.');
    expect(() => planned('SELECT * FROM L JOIN R WITHIN 1 SECOND ON L.ID = R.F')).toThrow('types don');
    expect(() => planned('SELECT * FROM L JOIN R WITHIN 1 SECOND ON L.ID = R.NOPE')).toThrow("JOIN ON column 'R.NOPE' cannot be resolved.");
    expect(() => planned('SELECT * FROM L JOIN L WITHIN 1 SECOND ON L.ID = L.ID')).toThrow('Can not join');
  });
});
