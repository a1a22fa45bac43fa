// The JSON_SR format: JSON text behind Confluent's wire header (magic byte, schema id), as ksqlDB's JsonSchemaConverter writes it.
import type { FormatOptions, RowSerde, SerdeColumn, SerdeRole } from './format.js';
import { createJsonSerde } from './json.js';
import { jsonSchemaOf } from './json-schema.js';
import { createNoneSerde } from './none.js';
import { generatedSchemaId, JSON_SR_FORMAT } from './registry-schemas.js';
import { readSchemaId, WIRE_HEADER_BYTES, wireHeader } from './sr-wire.js';

/**
 * Reads the JSON after the header by column name, as the JSON format does; like ksqlDB, it checks
 * the magic byte but reads the text without the schema the id names. Writes with the schema id
 * given, else the id of the schema generated for the columns (registered at CREATE).
 */
export function createJsonSrSerde(role: SerdeRole, columns: readonly SerdeColumn[], options: FormatOptions): RowSerde {
  if (columns.length === 0) return createNoneSerde();
  const json = createJsonSerde(role, columns, options);
  let header: Buffer | undefined;
  return {
    serialize(values) {
      const text = json.serialize(values);
      if (text === null) return null;
      header ??= wireHeader(options.schemaId ?? generatedSchemaId(options.schemas, JSON.stringify(jsonSchemaOf(columns, role, options.wrapSingleValue)), role, JSON_SR_FORMAT));
      return Buffer.concat([header, text]);
    },
    deserialize(bytes) {
      if (bytes === null) return null;
      readSchemaId(bytes);
      return json.deserialize(bytes.subarray(WIRE_HEADER_BYTES));
    },
  };
}
