// Each query's consumer lag, summed over its partitions, from GET /metrics' Prometheus text.
const LAG_SAMPLE = /^squall_query_consumer_lag\{([^}]*)\} (\S+)$/;
const QUERY_ID_LABEL = /(?:^|,)query_id="((?:[^"\\]|\\.)*)"/;

export function lagByQuery(metricsText: string): Map<string, number> {
  const lags = new Map<string, number>();
  for (const line of metricsText.split('\n')) {
    const sample = LAG_SAMPLE.exec(line);
    if (sample === null) continue;
    const queryId = QUERY_ID_LABEL.exec(sample[1]!)?.[1];
    const lag = Number(sample[2]);
    if (queryId === undefined || !Number.isFinite(lag)) continue;
    lags.set(queryId, (lags.get(queryId) ?? 0) + lag);
  }
  return lags;
}
