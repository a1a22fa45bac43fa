// Public API of the serde layer: per-format row serdes, schema validation, windowed keys, JSON text.
export {
  createRowSerde,
  validateFormat,
  type FormatName,
  type FormatOptions,
  type RowSerde,
  type SerdeColumn,
  type SerdeRole,
} from './format.js';
export { toJsonText } from './json-writer.js';
export { SerdeError } from './serde-error.js';
export { createWindowedKeySerde, type Window, type WindowedKeySerde, type WindowType } from './windowed-key.js';
