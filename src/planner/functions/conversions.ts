// Conversions of raw bytes to numbers: INT_FROM_BYTES, BIGINT_FROM_BYTES and DOUBLE_FROM_BYTES.
import type { FunctionDefinition, TypePattern } from './registry-types.js';
import { P, fixed } from './patterns.js';

type ByteOrder = 'BIG_ENDIAN' | 'LITTLE_ENDIAN';

function byteOrder(name: string): ByteOrder {
  const order = name.toUpperCase();
  if (order !== 'BIG_ENDIAN' && order !== 'LITTLE_ENDIAN') {
    throw new Error(`byteOrder must be BIG_ENDIAN or LITTLE_ENDIAN, got '${name}'`);
  }
  return order;
}

/** Reads a fixed-width number; ksqlDB rejects input of any other length. */
function readNumber<Value>(
  bytes: Uint8Array,
  width: number,
  order: ByteOrder,
  read: (view: DataView, littleEndian: boolean) => Value,
): Value {
  if (bytes.length !== width) {
    throw new Error(`Number of bytes must be equal to ${width}, but found ${bytes.length}`);
  }
  return read(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), order === 'LITTLE_ENDIAN');
}

function bytesToNumber<Value>(
  name: string,
  typeName: string,
  returns: TypePattern,
  width: number,
  read: (view: DataView, littleEndian: boolean) => Value,
): FunctionDefinition {
  return {
    name,
    type: 'SCALAR',
    category: 'CONVERSIONS',
    description: `Reads ${width} bytes as ${typeName}, big-endian unless LITTLE_ENDIAN is given.`,
    overloads: [
      fixed([P.bytes], returns, (bytes: Uint8Array) => readNumber(bytes, width, 'BIG_ENDIAN', read)),
      fixed([P.bytes, P.string], returns, (bytes: Uint8Array, order: string) => readNumber(bytes, width, byteOrder(order), read)),
    ],
  };
}

export const CONVERSION_FUNCTIONS: readonly FunctionDefinition[] = [
  bytesToNumber('INT_FROM_BYTES', 'INT', P.int, 4, (view, little) => view.getInt32(0, little)),
  bytesToNumber('BIGINT_FROM_BYTES', 'BIGINT', P.bigint, 8, (view, little) => view.getBigInt64(0, little)),
  bytesToNumber('DOUBLE_FROM_BYTES', 'DOUBLE', P.double, 8, (view, little) => view.getFloat64(0, little)),
];
