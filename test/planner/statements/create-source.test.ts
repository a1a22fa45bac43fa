// CREATE STREAM/TABLE column rules: KEY versus PRIMARY KEY, the types HEADER columns may have, and
// whether the key and value formats can hold the columns.
import { describe, expect, it } from 'vitest';
import { parseStatement, type CreateSource } from '../../../src/parser/index.js';
import { Metastore, layeredConfig, planCreateSource } from '../../../src/planner/index.js';

function planText(text: string) {
  const statement = parseStatement(text).statement as CreateSource;
  return planCreateSource(statement, text, new Metastore(), layeredConfig({}));
}

const WITH = "WITH (KAFKA_TOPIC='t', FORMAT='JSON');";
const KEY_RULES = '\nTables have PRIMARY KEYs, which are unique and NON NULL.\nStreams have KEYs, which have no uniqueness or NON NULL constraints.';

describe('planCreateSource', () => {
  it('puts key columns first, whatever order they are declared in', () => {
    const { source } = planText(`CREATE TABLE T (NAME STRING, ID INT PRIMARY KEY) ${WITH}`);
    expect(source.columns.map((column) => `${column.name} ${column.namespace}`)).toEqual(['ID KEY', 'NAME VALUE']);
  });

  it("refuses a KEY column in a table", () => {
    expect(() => planText(`CREATE TABLE T (ID INT KEY, NAME STRING) ${WITH}`)).toThrow(
      `Column ID is a 'KEY' column: please use 'PRIMARY KEY' for tables.${KEY_RULES}`,
    );
  });

  it('refuses a PRIMARY KEY column in a stream', () => {
    expect(() => planText(`CREATE STREAM S (ID INT PRIMARY KEY, NAME STRING) ${WITH}`)).toThrow(
      `Column ID is a 'PRIMARY KEY' column: please use 'KEY' for streams.${KEY_RULES}`,
    );
  });

  it('accepts BYTES for a HEADER column and the header array for HEADERS', () => {
    const { source } = planText(
      `CREATE STREAM S (NAME STRING, H BYTES HEADER('k'), ALL_HEADERS ARRAY<STRUCT<KEY STRING, VALUE BYTES>> HEADERS) ${WITH}`,
    );
    expect(source.columns.map((column) => `${column.name} ${column.namespace} ${column.headerKey ?? ''}`)).toEqual([
      'NAME VALUE ',
      'H HEADER k',
      'ALL_HEADERS HEADER ',
    ]);
  });

  it('refuses a HEADER column that is not BYTES', () => {
    expect(() => planText(`CREATE STREAM S (NAME STRING, H STRING HEADER('k')) ${WITH}`)).toThrow(
      'Invalid type for HEADER column H: expected BYTES',
    );
  });

  it('refuses a HEADERS column that is not the header array', () => {
    expect(() => planText(`CREATE STREAM S (NAME STRING, H ARRAY<STRING> HEADERS) ${WITH}`)).toThrow(
      'Invalid type for HEADER column H: expected ARRAY<STRUCT<`KEY` STRING, `VALUE` BYTES>>',
    );
  });

  it('refuses columns the formats cannot hold', () => {
    expect(() => planText("CREATE STREAM S (A INT KEY, B INT KEY, V STRING) WITH (KAFKA_TOPIC='t', KEY_FORMAT='KAFKA', VALUE_FORMAT='JSON');")).toThrow(
      "reason: The 'KAFKA' format only supports a single field. Got: [`A` INTEGER KEY, `B` INTEGER KEY]",
    );
    expect(() => planText("CREATE STREAM S (ID INT KEY, V STRING) WITH (KAFKA_TOPIC='t', KEY_FORMAT='NONE', VALUE_FORMAT='JSON');")).toThrow(
      "The 'NONE' format can only be used when no columns are defined. Got: [`ID` INTEGER KEY]",
    );
  });

  it('allows WRAP_SINGLE_VALUE only on a single value column', () => {
    expect(planText("CREATE STREAM S (V INT) WITH (KAFKA_TOPIC='t', VALUE_FORMAT='JSON', WRAP_SINGLE_VALUE=false);").source.valueFormat.wrapSingleValue).toBe(false);
    expect(() => planText("CREATE STREAM S (A INT, B INT) WITH (KAFKA_TOPIC='t', VALUE_FORMAT='JSON', WRAP_SINGLE_VALUE=false);")).toThrow(
      "'WRAP_SINGLE_VALUE' is only valid for single-field value schemas",
    );
  });
});
