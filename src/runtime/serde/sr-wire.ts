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
