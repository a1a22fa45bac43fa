// The shell's rendering of EXPLAIN <query id>: the query's runtime state, tasks and statistics.
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderEntity } from '../../../src/cli/shell/render-entities.js';

describe('renderEntity', () => {
  it("shows a query description's tasks with partitions and lag, then its statistics and errors", () => {
    const text = renderEntity({
      '@type': 'queryDescription',
      statementText: 'EXPLAIN CSAS_T_0;',
      warnings: [],
      queryDescription: {
        id: 'CSAS_T_0',
        queryType: 'PERSISTENT',
        state: 'ERROR',
        statementText: 'CREATE STREAM T AS SELECT * FROM S;',
        sources: ['S'],
        sinks: ['T'],
        consumerGroupId: '_squall_x_query_CSAS_T_0',
        tasksMetadata: [
          { taskId: '0_0', topicPartitions: [{ topic: 's', partition: 0, consumerLag: 4 }], streamTimeMs: 1000 },
          { taskId: '0_1', topicPartitions: [{ topic: 's', partition: 1, consumerLag: null }], streamTimeMs: -1 },
        ],
        statistics: 'records-in: 3  records-out: 2',
        errorStats: 'failed-messages: 1',
        queryErrors: [{ errorMessage: 'the consumer broke', type: 'SYSTEM' }],
      },
    });
    const plain = stripVTControlCharacters(text);
    expect(plain).toMatch(/│ Status\s+│ ERROR\s+│/);
    expect(plain).toMatch(/│ 0_0\s+│ s\[0\]\s+│ 4\s+│ 1000\s+│/);
    expect(plain).toMatch(/│ 0_1\s+│ s\[1\]\s+│ unknown\s+│ -1\s+│/);
    expect(plain).toContain('Runtime statistics: records-in: 3  records-out: 2\n\nProcessing errors: failed-messages: 1\n\nErrors:\nthe consumer broke');
  });
});
