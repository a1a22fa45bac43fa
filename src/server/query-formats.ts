// The wire formats of a query result: ksqlDB's StreamedRow array (/query), in JSON or with Protobuf
// rows, and the delimited lines and JSON array of /query-stream. Each turns query events into text chunks.
import type { QueryStream } from '../engine/api.js';
import { protobufRowsOf, type ProtobufRows } from '../engine/index.js';
import type { ErrorBody } from './error-handler.js';
import { toJsonText } from './json-text.js';
import { DELIMITED, KSQL_JSON, KSQL_PROTOBUF, PLAIN_JSON } from './media-types.js';
import { renderRow } from './rest-values.js';
import { columnNames, columnTypes, formatSchema } from './schema-text.js';

export interface QueryFormat {
  readonly mediaType: string;
  /** The opening chunk: the header or metadata. */
  start(query: QueryStream): string;
  row(query: QueryStream, values: readonly unknown[]): string;
  /** A table delete; '' where the format drops tombstones. */
  tombstone(query: QueryStream, values: readonly unknown[]): string;
  /** An error after the start; the stream ends after it. */
  error(body: ErrorBody): string;
  /** The closing chunk, given why the query ended. */
  end(finalMessage: string | undefined): string;
}

/**
 * /query's StreamedRow array, elements separated by ",\n":
 *   [{"header":{"queryId":"q","schema":"`A` INTEGER"}},
 *   {"row":{"columns":[1]}},
 *   {"finalMessage":"Limit Reached"}]
 */
export const streamedRowFormat: QueryFormat = {
  mediaType: KSQL_JSON,
  start: (query) => `[{"header":${toJsonText({ queryId: query.queryId, schema: formatSchema(query.columns) })}}`,
  row: (query, values) => `,\n{"row":{"columns":${renderRow(values, query.columns)}}}`,
  tombstone: (query, values) => `,\n{"row":{"columns":${renderRow(values, query.columns)},"tombstone":true}}`,
  error: (body) => `,\n{"errorMessage":${toJsonText(body)}}`,
  end: (finalMessage) => (finalMessage === undefined ? ']' : `,\n{"finalMessage":${JSON.stringify(finalMessage)}}]`),
};

const protobufRows = new WeakMap<QueryStream, ProtobufRows>();

function protobufRowsFor(query: QueryStream): ProtobufRows {
  let rows = protobufRows.get(query);
  if (rows === undefined) {
    rows = protobufRowsOf(query.columns);
    protobufRows.set(query, rows);
  }
  return rows;
}

/**
 * The StreamedRow array with `Accept: application/vnd.ksql.v1+protobuf`: the header also carries
 * the rows' .proto (`protoSchema`), and each row is that message's bytes in base64:
 *   [{"header":{"queryId":"q","schema":"`A` INTEGER","protoSchema":"syntax = ..."}},
 *   {"row":{"protobufBytes":"CAE="}}]
 */
export const protobufRowFormat: QueryFormat = {
  mediaType: KSQL_PROTOBUF,
  start: (query) =>
    `[{"header":${toJsonText({ queryId: query.queryId, schema: formatSchema(query.columns), protoSchema: protobufRowsFor(query).schema })}}`,
  row: (query, values) => `,\n{"row":{"protobufBytes":"${Buffer.from(protobufRowsFor(query).encode(values)).toString('base64')}"}}`,
  tombstone: (query, values) => `,\n{"row":{"protobufBytes":"${Buffer.from(protobufRowsFor(query).encode(values)).toString('base64')}","tombstone":true}}`,
  error: streamedRowFormat.error,
  end: streamedRowFormat.end,
};

/**
 * /query-stream's default: the metadata object, then one JSON array per row, each line ended by "\n".
 * Tombstones are dropped and there is no final message.
 */
export const delimitedFormat: QueryFormat = {
  mediaType: DELIMITED,
  start: (query) => `${metadataText(query)}\n`,
  row: (query, values) => `${renderRow(values, query.columns)}\n`,
  tombstone: () => '',
  error: (body) => `${toJsonText(body)}\n`,
  end: () => '',
};

/** /query-stream with `Accept: application/json`: `[metadata,row,row]`, no newlines. */
export const jsonArrayFormat: QueryFormat = {
  mediaType: PLAIN_JSON,
  start: (query) => `[${metadataText(query)}`,
  row: (query, values) => `,${renderRow(values, query.columns)}`,
  tombstone: () => '',
  error: (body) => `,${toJsonText(body)}`,
  end: () => ']',
};

function metadataText(query: QueryStream): string {
  return toJsonText({ queryId: query.queryId, columnNames: columnNames(query.columns), columnTypes: columnTypes(query.columns) });
}
