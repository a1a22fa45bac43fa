// Confluent's Schema Registry wire format: a zero magic byte, the schema id as a big-endian int32, then the payload.
import { SerdeError } from './serde-error.js';

const MAGIC_BYTE = 0;
/** @internal Exported also for the conformance driver, which frames its inputs. */
export const WIRE_HEADER_BYTES = 5;

/** The schema id a framed record names; throws SerdeError for bytes that are not in the wire format. */
export function readSchemaId(bytes: Uint8Array): number {
  if (bytes.byteLength < WIRE_HEADER_BYTES) {
    throw new SerdeError(`Unknown magic byte! The record has ${bytes.byteLength} bytes, fewer than the 5 of the Schema Registry header`);
  }
  if (bytes[0] !== MAGIC_BYTE) throw new SerdeError(`Unknown magic byte! Expected 0, got ${bytes[0]}`);
  return ((bytes[1]! << 24) | (bytes[2]! << 16) | (bytes[3]! << 8) | bytes[4]!) >>> 0;
}

/** The 5-byte header for a schema id, built once per serde. @internal Exported also for the conformance driver. */
export function wireHeader(schemaId: number): Buffer {
  const header = Buffer.alloc(WIRE_HEADER_BYTES);
  header.writeUInt8(MAGIC_BYTE, 0);
  header.writeUInt32BE(schemaId, 1);
  return header;
}

/**
 * Protobuf records carry, after the header, the path of their message in the schema's file:
 * zigzag varints, a count then the indexes, with `[0]` (the first message) written as one 0.
 */
export function writeMessageIndexes(indexes: readonly number[]): Buffer {
  if (indexes.length === 1 && indexes[0] === 0) return Buffer.from([0]);
  const bytes: number[] = [];
  for (const value of [indexes.length, ...indexes]) writeZigzagVarint(bytes, value);
  return Buffer.from(bytes);
}

/** The message indexes at `offset` and where the message bytes start; throws SerdeError for truncated indexes. */
export function readMessageIndexes(bytes: Uint8Array, offset: number): { indexes: number[]; end: number } {
  const position = { offset };
  const count = readZigzagVarint(bytes, position);
  if (count === 0) return { indexes: [0], end: position.offset };
  if (count < 0 || count > bytes.byteLength) throw new SerdeError(`Invalid Protobuf message indexes: a count of ${count}`);
  const indexes: number[] = [];
  for (let index = 0; index < count; index++) indexes.push(readZigzagVarint(bytes, position));
  return { indexes, end: position.offset };
}

function writeZigzagVarint(bytes: number[], value: number): void {
  let rest = ((value << 1) ^ (value >> 31)) >>> 0;
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  bytes.push(rest);
}

function readZigzagVarint(bytes: Uint8Array, position: { offset: number }): number {
  let result = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    const byte = bytes[position.offset++];
    if (byte === undefined) throw new SerdeError('Invalid Protobuf message indexes: the record ends inside them');
    result |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return (result >>> 1) ^ -(result & 1);
  }
  throw new SerdeError('Invalid Protobuf message indexes: a varint longer than 5 bytes');
}
