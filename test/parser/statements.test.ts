// One test per statement form: the AST each produces, spans left out.
import { describe, expect, it } from 'vitest';
import { parseStatement, type Statement } from '../../src/parser/index.js';
import { withoutSpans } from './without-spans.js';

function parsed(sql: string): unknown {
  return withoutSpans(parseStatement(sql).statement);
}

function kindOf(sql: string): Statement['kind'] {
  return parseStatement(sql).statement.kind;
}

const integer = { kind: 'PrimitiveType', name: 'INTEGER' };
const text = { kind: 'PrimitiveType', name: 'STRING' };

describe('CREATE STREAM / TABLE', () => {
  it('builds a stream with key and value columns and properties', () => {
    expect(parsed("CREATE STREAM s (id INT KEY, name VARCHAR) WITH (kafka_topic='t', partitions=2, wrap_single_value=false);")).toEqual({
      kind: 'CreateSource',
      sourceType: 'STREAM',
      name: 'S',
      orReplace: false,
      ifNotExists: false,
      isSource: false,
      columns: [
        { name: 'ID', type: integer, constraint: { kind: 'Key' } },
        { name: 'NAME', type: text, constraint: { kind: 'None' } },
      ],
      properties: {
        entries: [
          { name: 'KAFKA_TOPIC', value: { kind: 'string', value: 't' } },
          { name: 'PARTITIONS', value: { kind: 'number', text: '2' } },
          { name: 'WRAP_SINGLE_VALUE', value: { kind: 'boolean', value: false } },
        ],
      },
    });
  });

  it('reads OR REPLACE, SOURCE, IF NOT EXISTS, PRIMARY KEY and header columns', () => {
    expect(parsed("CREATE OR REPLACE SOURCE TABLE IF NOT EXISTS t (k STRING PRIMARY KEY, h ARRAY<STRUCT<key STRING, value BYTES>> HEADERS, one BYTES HEADER('x')) WITH (kafka_topic='t')")).toMatchObject({
      kind: 'CreateSource',
      sourceType: 'TABLE',
      orReplace: true,
      isSource: true,
      ifNotExists: true,
      columns: [
        { name: 'K', constraint: { kind: 'PrimaryKey' } },
        { name: 'H', constraint: { kind: 'Headers' } },
        { name: 'ONE', constraint: { kind: 'Header', key: 'x' } },
      ],
    });
  });

  it('allows a source without columns or properties', () => {
    expect(parsed('CREATE STREAM s')).toMatchObject({ kind: 'CreateSource', columns: [], properties: undefined });
  });

  it('builds CREATE ... AS SELECT with properties', () => {
    expect(parsed("CREATE TABLE t WITH (kafka_topic='out') AS SELECT id, COUNT(*) FROM s GROUP BY id EMIT CHANGES;")).toMatchObject({
      kind: 'CreateAsSelect',
      sourceType: 'TABLE',
      name: 'T',
      properties: { entries: [{ name: 'KAFKA_TOPIC' }] },
      query: { kind: 'Query', emit: 'CHANGES', groupBy: [{ kind: 'ColumnRef', name: 'ID' }] },
    });
  });

  it('rejects a column list on CREATE ... AS SELECT', () => {
    expect(() => parseStatement('CREATE STREAM s (a INT) AS SELECT * FROM t')).toThrow(/cannot declare columns/);
  });

  it('rejects CREATE SOURCE ... AS SELECT', () => {
    expect(() => parseStatement('CREATE SOURCE STREAM s AS SELECT * FROM t')).toThrow(/cannot be created AS SELECT/);
  });
});

describe('INSERT', () => {
  it('builds INSERT INTO ... SELECT with properties', () => {
    expect(parsed("INSERT INTO out WITH (query_id='q1') SELECT * FROM s")).toMatchObject({
      kind: 'InsertInto',
      target: 'OUT',
      properties: { entries: [{ name: 'QUERY_ID', value: { kind: 'string', value: 'q1' } }] },
      query: { select: [{ kind: 'SelectAll', source: undefined }] },
    });
  });

  it('builds INSERT VALUES with and without a column list', () => {
    expect(parsed("INSERT INTO s (a, `b`) VALUES (1, 'x')")).toEqual({
      kind: 'InsertValues',
      target: 'S',
      columns: ['A', 'b'],
      values: [
        { kind: 'IntegerLiteral', text: '1' },
        { kind: 'StringLiteral', value: 'x' },
      ],
    });
    expect(parsed('INSERT INTO s VALUES (NULL)')).toMatchObject({ columns: [], values: [{ kind: 'NullLiteral' }] });
  });

  it('keeps the position of the target name, for errors about it', () => {
    expect(parseStatement('INSERT INTO  unknown VALUES (1)').statement).toMatchObject({ targetSpan: { line: 1, column: 14 } });
  });
});

describe('DROP and types', () => {
  it('builds DROP STREAM / TABLE', () => {
    expect(parsed('DROP TABLE IF EXISTS t DELETE TOPIC;')).toEqual({ kind: 'DropSource', sourceType: 'TABLE', name: 'T', ifExists: true, deleteTopic: true });
    expect(parsed('DROP STREAM s')).toEqual({ kind: 'DropSource', sourceType: 'STREAM', name: 'S', ifExists: false, deleteTopic: false });
  });

  it('builds CREATE TYPE and DROP TYPE', () => {
    expect(parsed('CREATE TYPE IF NOT EXISTS address AS STRUCT<street STRING, number INT>')).toEqual({
      kind: 'CreateType',
      name: 'ADDRESS',
      ifNotExists: true,
      type: { kind: 'StructType', fields: [{ name: 'STREET', type: text }, { name: 'NUMBER', type: integer }] },
    });
    expect(parsed('DROP TYPE IF EXISTS address')).toEqual({ kind: 'DropType', name: 'ADDRESS', ifExists: true });
  });

  it('rejects CREATE OR REPLACE TYPE', () => {
    expect(() => parseStatement('CREATE OR REPLACE TYPE a AS INT')).toThrow(/not supported for types/);
  });

  it('builds ALTER ... ADD COLUMN', () => {
    expect(parsed('ALTER STREAM s ADD COLUMN c INT, ADD d STRING')).toEqual({
      kind: 'AlterSource',
      sourceType: 'STREAM',
      name: 'S',
      columns: [
        { name: 'C', type: integer, constraint: { kind: 'None' } },
        { name: 'D', type: text, constraint: { kind: 'None' } },
      ],
    });
  });
});

describe('queries and their management', () => {
  it('builds a bare SELECT as a pull query (no EMIT)', () => {
    expect(parsed('SELECT * FROM t WHERE k = 1')).toMatchObject({ kind: 'Select', query: { emit: undefined } });
  });

  it('builds TERMINATE, PAUSE and RESUME', () => {
    expect(parsed('TERMINATE CSAS_OUT_0')).toEqual({ kind: 'Terminate', queryId: 'CSAS_OUT_0' });
    expect(parsed('TERMINATE ALL')).toEqual({ kind: 'Terminate', queryId: undefined });
    expect(parsed('PAUSE q1')).toEqual({ kind: 'PauseResume', action: 'PAUSE', queryId: 'Q1' });
    expect(parsed('RESUME ALL')).toEqual({ kind: 'PauseResume', action: 'RESUME', queryId: undefined });
  });

  it('builds EXPLAIN of a statement or of a query id', () => {
    expect(parsed('EXPLAIN SELECT * FROM t')).toMatchObject({ kind: 'Explain', statement: { kind: 'Select' }, queryId: undefined });
    expect(parsed('EXPLAIN CTAS_T_1;')).toEqual({ kind: 'Explain', queryId: 'CTAS_T_1' });
  });
});

describe('SHOW / LIST / DESCRIBE / PRINT', () => {
  it.each([
    ['SHOW STREAMS', { what: 'STREAMS', extended: false, all: false }],
    ['LIST TABLES EXTENDED', { what: 'TABLES', extended: true, all: false }],
    ['SHOW ALL TOPICS', { what: 'TOPICS', extended: false, all: true }],
    ['SHOW QUERIES EXTENDED', { what: 'QUERIES', extended: true, all: false }],
    ['SHOW PROPERTIES', { what: 'PROPERTIES', extended: false, all: false }],
    ['SHOW FUNCTIONS', { what: 'FUNCTIONS', extended: false, all: false }],
    ['SHOW TYPES', { what: 'TYPES', extended: false, all: false }],
    ['SHOW VARIABLES', { what: 'VARIABLES', extended: false, all: false }],
    ['SHOW SOURCE CONNECTORS', { what: 'CONNECTORS', extended: false, all: false }],
  ])('builds %s', (sql, expected) => {
    expect(parsed(sql)).toEqual({ kind: 'Show', ...expected });
  });

  it('builds DESCRIBE of a source, of all streams, and of a function', () => {
    expect(parsed('DESCRIBE orders EXTENDED')).toEqual({ kind: 'Describe', name: 'ORDERS', extended: true });
    expect(parsed('DESCRIBE STREAMS')).toEqual({ kind: 'Describe', what: 'STREAMS', extended: false });
    expect(parsed('DESCRIBE FUNCTION substring')).toEqual({ kind: 'DescribeFunction', name: 'SUBSTRING' });
  });

  it('builds PRINT, keeping an unquoted topic name exactly as written', () => {
    expect(parsed("PRINT 'my-topic' FROM BEGINNING INTERVAL 2 LIMIT 10")).toEqual({ kind: 'Print', topic: 'my-topic', fromBeginning: true, interval: 2, limit: 10 });
    expect(parsed('PRINT pageViews SAMPLE 3')).toEqual({ kind: 'Print', topic: 'pageViews', fromBeginning: false, interval: 3 });
  });
});

describe('session statements', () => {
  it('builds SET, UNSET, DEFINE, UNDEFINE and RUN SCRIPT', () => {
    expect(parsed("SET 'auto.offset.reset'='earliest';")).toEqual({ kind: 'SetProperty', name: 'auto.offset.reset', value: 'earliest' });
    expect(parsed("UNSET 'auto.offset.reset'")).toEqual({ kind: 'UnsetProperty', name: 'auto.offset.reset' });
    expect(parsed("DEFINE topic = 'orders'")).toEqual({ kind: 'DefineVariable', name: 'TOPIC', value: 'orders' });
    expect(parsed('UNDEFINE topic')).toEqual({ kind: 'UndefineVariable', name: 'TOPIC' });
    expect(parsed("RUN SCRIPT '/tmp/x.sql'")).toEqual({ kind: 'RunScript', path: '/tmp/x.sql' });
  });
});

describe('statements Squall does not run', () => {
  it.each([
    ["CREATE SOURCE CONNECTOR c WITH ('connector.class'='x')", 'CREATE SOURCE CONNECTOR'],
    ["CREATE SINK CONNECTOR c WITH ('connector.class'='x')", 'CREATE SINK CONNECTOR'],
    ['DROP CONNECTOR c', 'DROP CONNECTOR'],
    ['DESCRIBE CONNECTOR c', 'DESCRIBE CONNECTOR'],
    ['SHOW CONNECTOR PLUGINS', 'SHOW CONNECTOR PLUGINS'],
    ["ALTER SYSTEM 'ksql.x'='y'", 'ALTER SYSTEM'],
    ['ASSERT TOPIC t TIMEOUT 5 SECONDS', 'ASSERT'],
  ])('parses %s as Unsupported', (sql, what) => {
    expect(parsed(sql)).toEqual({ kind: 'Unsupported', what });
  });

  it('keeps statements that merely start like them', () => {
    expect(kindOf('DESCRIBE connectors_table')).toBe('Describe');
  });
});
