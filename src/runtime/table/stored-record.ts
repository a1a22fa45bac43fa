// How a materialised table stores a record: its value with the coordinates that ROWTIME,
// ROWPARTITION and ROWOFFSET need, so that a pull query reads it as it would read the topic.
//
// Layout: 8-byte timestamp, 4-byte partition, 8-byte offset (big-endian), then the value bytes.
import type { LogRecord } from '../log/index.js';

const HEADER_BYTES = 20;
const noHeaders = Object.freeze([]);

export function encodeStoredRecord(record: LogRecord): Uint8Array {
  const value = record.value ?? new Uint8Array(0);
  const bytes = Buffer.allocUnsafe(HEADER_BYTES + value.length);
  bytes.writeBigInt64BE(BigInt(record.timestamp), 0);
  bytes.writeInt32BE(record.partition, 8);
  bytes.writeBigInt64BE(BigInt(record.offset), 12);
  bytes.set(value, HEADER_BYTES);
  return bytes;
}

export function decodeStoredRecord(topic: string, key: Uint8Array, stored: Uint8Array): LogRecord {
  const bytes = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  return {
    topic,
    key,
    timestamp: Number(bytes.readBigInt64BE(0)),
    partition: bytes.readInt32BE(8),
    offset: Number(bytes.readBigInt64BE(12)),
    value: bytes.subarray(HEADER_BYTES),
    headers: noHeaders,
  };
}
