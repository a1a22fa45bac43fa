// Every built-in aggregate function, for the function registry.
import type { FunctionDefinition } from '../registry-types.js';
import { EARLIEST_BY_OFFSET, LATEST_BY_OFFSET } from './by-offset.js';
import { COLLECT_LIST, COLLECT_SET } from './collect.js';
import { COUNT } from './count.js';
import { ATTR, COUNT_DISTINCT } from './distinct.js';
import { HISTOGRAM } from './histogram.js';
import { MAX, MIN } from './min-max.js';
import { CORRELATION, STDDEV_POP, STDDEV_SAMP, STDDEV_SAMPLE, VAR_POP, VAR_SAMP, VARIANCE } from './stats.js';
import { AVG, SUM, SUM_LIST } from './sum.js';
import { TOPK, TOPKDISTINCT } from './topk.js';

export const AGGREGATE_FUNCTIONS: readonly FunctionDefinition[] = [
  ATTR,
  AVG,
  COLLECT_LIST,
  COLLECT_SET,
  CORRELATION,
  COUNT,
  COUNT_DISTINCT,
  EARLIEST_BY_OFFSET,
  HISTOGRAM,
  LATEST_BY_OFFSET,
  MAX,
  MIN,
  STDDEV_POP,
  STDDEV_SAMP,
  STDDEV_SAMPLE,
  SUM,
  SUM_LIST,
  TOPK,
  TOPKDISTINCT,
  VAR_POP,
  VAR_SAMP,
  VARIANCE,
];
