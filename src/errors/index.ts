// Errors shared by every layer.
export { SquallError, renderErrorContext, type ErrorCode, type Span } from './squall-error.js';
