// Every built-in scalar, aggregate and table function, in one list for the function registry.
import type { FunctionDefinition } from './registry-types.js';
import { AGGREGATE_FUNCTIONS } from './aggregate/index.js';
import { ARRAY_FUNCTIONS } from './array.js';
import { CONDITIONAL_FUNCTIONS } from './conditional.js';
import { CONVERSION_FUNCTIONS } from './conversions.js';
import { DATETIME_FUNCTIONS } from './datetime.js';
import { GEO_FUNCTIONS } from './geo.js';
import { JSON_FUNCTIONS } from './json.js';
import { LAMBDA_FUNCTIONS } from './lambda.js';
import { MAP_FUNCTIONS } from './map.js';
import { MATH_FUNCTIONS } from './math.js';
import { OTHER_FUNCTIONS } from './other.js';
import { REGEX_FUNCTIONS } from './regex.js';
import { STRING_FUNCTIONS } from './string.js';
import { TABLE_FUNCTIONS } from './table.js';
import { URL_FUNCTIONS } from './url.js';

export const BUILTIN_FUNCTIONS: readonly FunctionDefinition[] = [
  ...STRING_FUNCTIONS,
  ...REGEX_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...GEO_FUNCTIONS,
  ...DATETIME_FUNCTIONS,
  ...JSON_FUNCTIONS,
  ...ARRAY_FUNCTIONS,
  ...MAP_FUNCTIONS,
  ...CONDITIONAL_FUNCTIONS,
  ...CONVERSION_FUNCTIONS,
  ...LAMBDA_FUNCTIONS,
  ...URL_FUNCTIONS,
  ...OTHER_FUNCTIONS,
  ...AGGREGATE_FUNCTIONS,
  ...TABLE_FUNCTIONS,
];
