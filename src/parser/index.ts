// The parser layer's public API: SQL text in, typed AST out (or a ParseError that says what went wrong).
export { parseExpression, parseStatement, parseStatements, parseType } from './parse.js';
export { splitStatements, type StatementPiece } from './statement-splitter.js';
export { substituteVariables } from './variables.js';
export * from './ast.js';
export { ParseError } from './errors.js';
