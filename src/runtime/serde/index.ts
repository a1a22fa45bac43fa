// Public API of the serde layer: per-format row serdes, schema validation, windowed keys.
export {
  createRowSerde,
  validateFormat,
  type FormatOptions,
  type RowSerde,
  type SerdeColumn,
  type SerdeRole,
} from './format.js';
export { SerdeError } from './serde-error.js';
export { createWindowedKeySerde, type Window, type WindowedKeySerde, type WindowType } from './windowed-key.js';
export { decodeInternal, encodeGroupKey, encodeInternal } from './internal-codec.js';
