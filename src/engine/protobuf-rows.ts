// Query results as Protobuf messages, for clients that ask /query for application/vnd.ksql.v1+protobuf.
import { createRowSerde, protobufSchemaOf } from '../runtime/index.js';
import type { QueryColumn } from './api.js';

export interface ProtobufRows {
  /** The .proto of one row, as ksqlDB puts it in the header's `protoSchema`: one message, a field per column. */
  readonly schema: string;
  /** One row as the message's bytes (proto3: a NULL scalar is left out, so it reads back as its default). */
  encode(values: readonly unknown[]): Uint8Array;
}

export function protobufRowsOf(columns: readonly QueryColumn[]): ProtobufRows {
  const serdeColumns = columns.map((column) => ({ name: column.name, type: column.type }));
  const serde = createRowSerde('PROTOBUF_NOSR', 'value', serdeColumns, { wrapSingleValue: true });
  return {
    schema: protobufSchemaOf(serdeColumns, 'value', { wrapSingleValue: true }),
    encode: (values) => serde.serialize(values) ?? new Uint8Array(0),
  };
}
