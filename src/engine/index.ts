// The engine's public API: the Engine and the types the server and CLI use.
export * from './api.js';
export { Engine, SQUALL_VERSION } from './engine.js';
export { protobufRowsOf, type ProtobufRows } from './protobuf-rows.js';
export type { EngineConfig } from './engine-state.js';
export { applyQueryDirectory, applyQueryFile, type AppliedFile } from './apply-queries.js';
export { FunctionLoadError, loadFunctionDirectory, type FunctionDirectoryOptions } from './load-functions.js';
export { DEFAULT_COMMIT_INTERVAL_MS } from './statement-properties.js';
