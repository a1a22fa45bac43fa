// The catalog's lag per query, summed from GET /metrics' squall_query_consumer_lag samples.
import { describe, expect, it } from 'vitest';
import { lagByQuery } from '../../console/src/query-lag.js';

describe('lagByQuery', () => {
  it('sums each query\'s partitions and ignores other series', () => {
    const text = [
      '# HELP squall_query_consumer_lag Records between ...',
      '# TYPE squall_query_consumer_lag gauge',
      'squall_query_consumer_lag{query_id="CSAS_A_0",topic="rides",partition="0"} 3',
      'squall_query_consumer_lag{query_id="CSAS_A_0",topic="rides",partition="1"} 4',
      'squall_query_consumer_lag{query_id="CTAS_B_1",topic="a \\"quoted\\" topic",partition="0"} 0',
      'squall_query_records_in_total{query_id="CSAS_A_0"} 99',
      'squall_query_consumer_lag{query_id="CSAS_A_0",topic="rides",partition="2"} NaN',
    ].join('\n');
    expect([...lagByQuery(text)]).toEqual([
      ['CSAS_A_0', 7],
      ['CTAS_B_1', 0],
    ]);
  });
});
