// A DataView over exactly a byte array's own bytes, for the formats that read fixed-width numbers.

/** Respects `byteOffset`: a Buffer from Kafka is often a slice of a larger pooled ArrayBuffer. */
export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
