// Schema text of query results, as ksqlDB writes it in headers and metadata.
import { describe, expect, it } from 'vitest';
import type { QueryColumn } from '../../src/engine/api.js';
import { SqlTypes } from '../../src/planner/types.js';
import { columnNames, columnTypes, formatSchema } from '../../src/server/schema-text.js';

const columns: QueryColumn[] = [
  { name: 'A', type: SqlTypes.INTEGER, isKey: true },
  { name: 'B', type: SqlTypes.DOUBLE, isKey: false },
  { name: 'C', type: SqlTypes.struct([{ name: 'F1', type: SqlTypes.map(SqlTypes.STRING, SqlTypes.decimal(4, 2)) }]), isKey: false },
];

describe('schema text', () => {
  it('marks key columns KEY and back-quotes names', () => {
    expect(formatSchema(columns)).toBe('`A` INTEGER KEY, `B` DOUBLE, `C` STRUCT<`F1` MAP<STRING, DECIMAL(4, 2)>>');
  });

  it('lists column names and SQL type strings', () => {
    expect(columnNames(columns)).toEqual(['A', 'B', 'C']);
    expect(columnTypes(columns)).toEqual(['INTEGER', 'DOUBLE', 'STRUCT<`F1` MAP<STRING, DECIMAL(4, 2)>>']);
  });
});
