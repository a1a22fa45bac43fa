// Public API of the serde layer: per-format row serdes and windowed keys.
export {
  createRowSerde,
  type FormatOptions,
  type RowSerde,
  type SerdeColumn,
  type SerdeRole,
} from './format.js';
export { bytesText } from './byte-view.js';
export { SerdeError } from './serde-error.js';
export { createWindowedKeySerde, type Window, type WindowedKeySerde, type WindowType } from './windowed-key.js';
export { decodeInternal, encodeGroupKey, encodeInternal } from './internal-codec.js';
export { avroSchemaOf, columnsOfAvroSchema, type AvroSchema } from './avro-schema.js';
export { columnsOfJsonSchema, jsonSchemaOf, type JsonSchema } from './json-schema.js';
export { columnsOfProtobufMessage, parseProtobufFile, parseableProtoText, protobufSchemaOf, referencedTexts } from './protobuf-schema.js';
