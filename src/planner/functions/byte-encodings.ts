// The text encodings ksqlDB's TO_BYTES, FROM_BYTES and ENCODE accept: hex, utf8, ascii and base64.

export type ByteEncoding = 'hex' | 'utf8' | 'ascii' | 'base64';

const ENCODINGS: Readonly<Record<string, ByteEncoding>> = {
  hex: 'hex',
  utf8: 'utf8',
  ascii: 'ascii',
  base64: 'base64',
};

/** Resolves an encoding name case-insensitively; throws for a name ksqlDB does not support. */
export function byteEncoding(name: string): ByteEncoding {
  const encoding = ENCODINGS[name.toLowerCase()];
  if (encoding === undefined) {
    throw new Error(`Supported input encodings are: hex, utf8, ascii and base64, but got '${name}'`);
  }
  return encoding;
}

/** Text to bytes; hex must have an even number of hex digits (Java's Hex decoder rejects the rest). */
export function encodeText(text: string, encoding: ByteEncoding): Buffer {
  if (encoding === 'hex') {
    const digits = text.startsWith('0x') || text.startsWith('0X') ? text.slice(2) : text;
    if (digits.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(digits)) {
      throw new Error(`'${text}' is not a valid hex string`);
    }
    return Buffer.from(digits, 'hex');
  }
  if (encoding === 'base64') return Buffer.from(text, 'base64');
  if (encoding === 'ascii') return Buffer.from(text, 'latin1');
  return Buffer.from(text, 'utf8');
}

/** Bytes to text; hex is upper case, as Java's BaseEncoding.base16() writes it. */
export function decodeBytes(bytes: Uint8Array, encoding: ByteEncoding): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (encoding === 'hex') return buffer.toString('hex').toUpperCase();
  if (encoding === 'base64') return buffer.toString('base64');
  if (encoding === 'ascii') return buffer.toString('ascii');
  return buffer.toString('utf8');
}
