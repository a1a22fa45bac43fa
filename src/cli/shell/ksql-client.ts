// The shell's view of a server: ksqlDB's REST API (/ksql, /query-stream, /close-query), nothing else.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { parse as parseLossless } from 'lossless-json';

/** One entity of a /ksql answer, as the server sent it. */
export type KsqlEntity = Readonly<Record<string, unknown>> & { readonly '@type': string };

/** What the shell sends with every statement: its SET properties and DEFINE variables. */
export interface SessionSettings {
  readonly properties: Readonly<Record<string, string>>;
  readonly variables: Readonly<Record<string, string>>;
}

/** A statement the server refused, or a server that could not be reached; `message` is ready to print. */
export class ServerError extends Error {
  override readonly name = 'ServerError';
}

export interface QueryHeader {
  readonly queryId: string;
  readonly columnNames: readonly string[];
  readonly columnTypes: readonly string[];
}

export interface QueryCallbacks {
  header(header: QueryHeader): void;
  row(values: readonly unknown[]): void;
}

export class KsqlClient {
  constructor(readonly serverUrl: string) {}

  /** Runs one non-query statement; throws a ServerError with the server's message when it fails. */
  async execute(sql: string, settings: SessionSettings): Promise<KsqlEntity[]> {
    const response = await this.post('/ksql', { ksql: sql, streamsProperties: settings.properties, sessionVariables: settings.variables });
    const body = parseBody(await response.text());
    if (!response.ok) throw new ServerError(errorMessage(body, response.status));
    if (!Array.isArray(body)) throw new ServerError(`Unexpected answer from ${this.serverUrl}/ksql: ${JSON.stringify(body)}`);
    return body.filter(isEntity);
  }

  /**
   * Streams a pull or push query from /query-stream (one JSON document per line) until the server
   * ends it or `signal` aborts; an abort closes the query on the server, so its resources go at once.
   */
  async query(sql: string, settings: SessionSettings, callbacks: QueryCallbacks, signal: AbortSignal): Promise<void> {
    let queryId: string | undefined;
    const closeOnAbort = () => {
      if (queryId !== undefined) void this.closeQuery(queryId);
    };
    signal.addEventListener('abort', closeOnAbort, { once: true });
    try {
      const response = await this.openStream('/query-stream', { sql, properties: settings.properties, sessionVariables: settings.variables }, signal);
      const status = response.statusCode ?? 0;
      if (status >= 400) throw new ServerError(errorMessage(parseBody(await bodyText(response)), status));
      for await (const line of responseLines(response)) {
        const document = parseBody(line);
        if (Array.isArray(document)) {
          callbacks.row(document);
        } else if (isHeader(document)) {
          queryId = document.queryId;
          callbacks.header(document);
        } else {
          throw new ServerError(errorMessage(document, status));
        }
      }
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof ServerError) throw error;
      throw new ServerError(`The query's stream from ${this.serverUrl} broke off: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      signal.removeEventListener('abort', closeOnAbort);
    }
  }

  async closeQuery(queryId: string): Promise<void> {
    await this.post('/close-query', { queryId }).catch(() => undefined);
  }

  /** node:http rather than fetch: fetch gives up on a body that is quiet for five minutes, as a push query may be. */
  private openStream(path: string, body: unknown, signal: AbortSignal): Promise<IncomingMessage> {
    const url = new URL(path, this.serverUrl);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const request = send(url, { method: 'POST', headers: { 'content-type': 'application/json' }, signal }, resolve);
      request.on('error', (error) =>
        reject(signal.aborted ? error : new ServerError(`Could not reach the server at ${this.serverUrl}: ${error.message}`)),
      );
      request.end(JSON.stringify(body));
    });
  }

  private async post(path: string, body: unknown): Promise<Response> {
    try {
      return await fetch(`${this.serverUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    } catch (error) {
      const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      throw new ServerError(`Could not reach the server at ${this.serverUrl}: ${reason}`);
    }
  }
}

/** The lines of a streamed body, as they arrive. */
async function* responseLines(response: IncomingMessage): AsyncGenerator<string> {
  response.setEncoding('utf8');
  let pending = '';
  for await (const chunk of response) {
    pending += String(chunk);
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      if (line !== '') yield line;
      newline = pending.indexOf('\n');
    }
  }
  if (pending.trim() !== '') yield pending.trim();
}

async function bodyText(response: IncomingMessage): Promise<string> {
  let text = '';
  for await (const line of responseLines(response)) text += line;
  return text;
}

/** Lossless, so that BIGINT and DECIMAL values print exactly as the server wrote them. */
function parseBody(text: string): unknown {
  try {
    return parseLossless(text);
  } catch {
    return text;
  }
}

function isEntity(value: unknown): value is KsqlEntity {
  return typeof value === 'object' && value !== null && typeof (value as { '@type'?: unknown })['@type'] === 'string';
}

function isHeader(value: unknown): value is QueryHeader {
  return typeof value === 'object' && value !== null && typeof (value as { queryId?: unknown }).queryId === 'string';
}

function errorMessage(body: unknown, status: number): string {
  if (typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string') {
    return (body as { message: string }).message;
  }
  return `The server answered ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`;
}
