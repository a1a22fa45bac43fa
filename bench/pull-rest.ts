// The few REST calls the pull benchmark makes outside the load: run statements, run one pull query.

const jsonHeaders = { 'content-type': 'application/vnd.ksql.v1+json', accept: 'application/vnd.ksql.v1+json' };

/** The body of POST /query (and /ksql) for `sql`. */
export function ksqlBody(sql: string): string {
  return JSON.stringify({ ksql: sql, streamsProperties: {} });
}

/** Runs statements through POST /ksql; throws with the server's answer unless it is a 2xx. */
export async function executeStatements(url: string, sql: string): Promise<void> {
  const response = await fetch(`${url}/ksql`, { method: 'POST', headers: jsonHeaders, body: ksqlBody(sql) });
  if (!response.ok) throw new Error(`POST /ksql answered ${response.status}: ${await response.text()}`);
}

/** Runs a pull query through POST /query; its rows' columns, or a throw on an HTTP or streamed error. */
export async function pullRows(url: string, sql: string): Promise<unknown[][]> {
  const response = await fetch(`${url}/query`, { method: 'POST', headers: jsonHeaders, body: ksqlBody(sql) });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST /query answered ${response.status}: ${text}`);
  const elements: unknown = JSON.parse(text);
  if (!Array.isArray(elements)) throw new Error(`POST /query answered something other than an array: ${text}`);
  const rows: unknown[][] = [];
  for (const element of elements as unknown[]) {
    if (typeof element !== 'object' || element === null) continue;
    if ('errorMessage' in element) throw new Error(`POST /query streamed an error: ${JSON.stringify(element.errorMessage)}`);
    if ('row' in element && typeof element.row === 'object' && element.row !== null && 'columns' in element.row) {
      const columns = element.row.columns;
      if (Array.isArray(columns)) rows.push(columns as unknown[]);
    }
  }
  return rows;
}
