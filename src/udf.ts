// The public module for user-defined functions: a module in the functions directory imports
// `defineFunction` (and Decimal, for DECIMAL values) from here, or from 'squall/udf'.
export {
  defineFunction,
  type AggregateFunction,
  type FunctionBody,
  type ScalarFunction,
  type ScalarSignature,
  type SqlTypeText,
  type TableFunction,
  type TableFunctionBody,
  type TableSignature,
  type UserFunction,
} from './planner/functions/user-function-api.js';
export { Decimal } from './planner/decimal.js';
