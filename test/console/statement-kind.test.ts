// Which endpoint the console sends the editor's text to, and which columns it can chart.
import { describe, expect, it } from 'vitest';
import { isNumericType, isPushQuery, isQuery } from '../../console/src/statement-kind.js';

describe('statement kind', () => {
  it('sends SELECT, past comments, to /query-stream and the rest to /ksql', () => {
    expect(isQuery('  -- rides\n select * from RIDES;')).toBe(true);
    expect(isQuery('/* a */ SELECT 1 FROM T;')).toBe(true);
    expect(isQuery('SHOW STREAMS;')).toBe(false);
    expect(isQuery('CREATE STREAM S AS SELECT * FROM T;')).toBe(false);
  });

  it('tells push queries (EMIT CHANGES or FINAL) from pull queries', () => {
    expect(isPushQuery('SELECT * FROM RIDES EMIT CHANGES;')).toBe(true);
    expect(isPushQuery('select k, count(*) from t window tumbling (size 1 minute) group by k emit final;')).toBe(true);
    expect(isPushQuery("SELECT * FROM TOTALS WHERE K = 'a';")).toBe(false);
    expect(isPushQuery('CREATE STREAM S AS SELECT * FROM T EMIT CHANGES;')).toBe(false);
  });

  it('charts integer, floating and decimal columns only', () => {
    expect(['INTEGER', 'BIGINT', 'DOUBLE', 'DECIMAL(10, 2)'].every(isNumericType)).toBe(true);
    expect(['STRING', 'BOOLEAN', 'ARRAY<INTEGER>', 'TIMESTAMP'].some(isNumericType)).toBe(false);
  });
});
