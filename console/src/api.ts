// The console's REST client: statements through POST /ksql, queries through POST /query-stream
// (delimited: a metadata line, then one JSON array per row), POST /close-query, GET /metrics.

/** A ksqlDB `/ksql` entity: `@type` tagged, the rest depends on the statement. */
export type KsqlEntity = { readonly '@type': string; readonly statementText?: string } & Readonly<Record<string, unknown>>;

export interface QueryHeader {
  readonly queryId: string;
  readonly columnNames: readonly string[];
  readonly columnTypes: readonly string[];
}

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };
const DELIMITED = 'application/vnd.ksqlapi.delimited.v1';

/** Rejects with the server's message: for a statement, its line with a caret under the problem. */
export async function runStatements(sql: string): Promise<KsqlEntity[]> {
  const response = await fetch('/ksql', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ ksql: sql, streamsProperties: {} }) });
  const body: unknown = await response.json();
  if (!response.ok) throw new Error(errorMessage(body, response.status));
  return body as KsqlEntity[];
}

export interface QueryHandlers {
  onHeader(header: QueryHeader): void;
  onRow(values: readonly unknown[]): void;
}

/**
 * Runs a SELECT and reports its header and rows as they arrive; resolves when the query ends
 * (a pull query's last row, a LIMIT) or `signal` aborts it. An error row rejects.
 */
export async function streamQuery(
  sql: string,
  properties: Readonly<Record<string, unknown>>,
  handlers: QueryHandlers,
  signal: AbortSignal,
): Promise<void> {
  const response = await fetch('/query-stream', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: DELIMITED },
    body: JSON.stringify({ sql, properties }),
    signal,
  });
  if (!response.ok) throw new Error(errorMessage(await response.json().catch(() => undefined), response.status));
  if (response.body === null) return;
  for await (const line of lines(response.body, signal)) {
    const value: unknown = JSON.parse(line);
    if (Array.isArray(value)) handlers.onRow(value);
    else if (isHeader(value)) handlers.onHeader(value);
    else throw new Error(errorMessage(value, 500));
  }
}

export async function closeQuery(queryId: string): Promise<void> {
  await fetch('/close-query', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ queryId }) });
}

export async function fetchMetricsText(): Promise<string> {
  const response = await fetch('/metrics');
  if (!response.ok) throw new Error(`GET /metrics answered ${response.status}`);
  return response.text();
}

async function* lines(body: ReadableStream<Uint8Array>, signal: AbortSignal): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  try {
    while (!signal.aborted) {
      const { done, value } = await reader.read();
      if (done) break;
      pending += decoder.decode(value, { stream: true });
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        const line = pending.slice(0, newline).trim();
        pending = pending.slice(newline + 1);
        if (line !== '') yield line;
        newline = pending.indexOf('\n');
      }
    }
    if (pending.trim() !== '') yield pending.trim();
  } finally {
    reader.releaseLock();
  }
}

function isHeader(value: unknown): value is QueryHeader {
  return typeof value === 'object' && value !== null && 'queryId' in value && 'columnNames' in value;
}

function errorMessage(body: unknown, status: number): string {
  if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string') return body.message;
  return `The server answered ${status}`;
}
