// Variance, standard deviation and correlation, from running sums (count, Σx, Σx², Σy, Σy², Σxy),
// which can take a value back out (tables) and add up (sessions). NULLs are skipped. A sample
// statistic of fewer than two values is NULL, as is a population one of none.
import type { AggregateImplementation, AggregateOverload, FunctionDefinition } from '../registry-types.js';
import { P } from '../patterns.js';
import { numericOps } from './numeric.js';

interface Moments {
  count: number;
  sum: number;
  sumSquares: number;
}

type Statistic = (moments: Moments) => number | null;

const variance = (sample: boolean): Statistic => ({ count, sum, sumSquares }) => {
  if (count < (sample ? 2 : 1)) return null;
  const value = (sumSquares - (sum * sum) / count) / (sample ? count - 1 : count);
  return Math.max(0, value);
};

function momentsOf(toDouble: (value: unknown) => number, statistic: Statistic): AggregateImplementation<Moments> {
  const step = (moments: Moments, value: unknown, sign: 1 | -1): Moments => {
    if (value === null) return moments;
    const x = toDouble(value);
    return { count: moments.count + sign, sum: moments.sum + sign * x, sumSquares: moments.sumSquares + sign * x * x };
  };
  return {
    initialize: () => ({ count: 0, sum: 0, sumSquares: 0 }),
    aggregate: (moments, value) => step(moments, value, 1),
    undo: (moments, value) => step(moments, value, -1),
    merge: (left, right) => ({ count: left.count + right.count, sum: left.sum + right.sum, sumSquares: left.sumSquares + right.sumSquares }),
    result: statistic,
  };
}

function definition(name: string, description: string, statistic: Statistic): FunctionDefinition {
  return {
    name,
    type: 'AGGREGATE',
    category: 'AGGREGATE',
    description,
    overloads: [P.int, P.bigint, P.double, P.decimal].map(
      (param): AggregateOverload => ({
        params: [param],
        paramNames: ['col1'],
        returns: P.double,
        create: (argTypes) => momentsOf(numericOps(argTypes[0]!).toDouble, statistic) as AggregateImplementation,
      }),
    ),
  };
}

const standardDeviation = (sample: boolean): Statistic => (moments) => {
  const value = variance(sample)(moments);
  return value === null ? null : Math.sqrt(value);
};

export const STDDEV_SAMP = definition('STDDEV_SAMP', 'The sample standard deviation.', standardDeviation(true));
export const STDDEV_SAMPLE = definition('STDDEV_SAMPLE', 'The sample standard deviation (STDDEV_SAMP).', standardDeviation(true));
export const STDDEV_POP = definition('STDDEV_POP', 'The population standard deviation.', standardDeviation(false));
export const VAR_SAMP = definition('VAR_SAMP', 'The sample variance.', variance(true));
export const VARIANCE = definition('VARIANCE', 'The sample variance (VAR_SAMP).', variance(true));
export const VAR_POP = definition('VAR_POP', 'The population variance.', variance(false));

interface Pairs {
  count: number;
  sumX: number;
  sumY: number;
  sumXX: number;
  sumYY: number;
  sumXY: number;
}

function pairStep(pairs: Pairs, x: unknown, y: unknown, sign: 1 | -1): Pairs {
  if (x === null || y === null) return pairs;
  const a = x as number;
  const b = y as number;
  return {
    count: pairs.count + sign,
    sumX: pairs.sumX + sign * a,
    sumY: pairs.sumY + sign * b,
    sumXX: pairs.sumXX + sign * a * a,
    sumYY: pairs.sumYY + sign * b * b,
    sumXY: pairs.sumXY + sign * a * b,
  };
}

const correlation: AggregateImplementation<Pairs> = {
  initialize: () => ({ count: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 }),
  aggregate: (pairs, x, y) => pairStep(pairs, x, y, 1),
  undo: (pairs, x, y) => pairStep(pairs, x, y, -1),
  merge: (left, right) => ({
    count: left.count + right.count,
    sumX: left.sumX + right.sumX,
    sumY: left.sumY + right.sumY,
    sumXX: left.sumXX + right.sumXX,
    sumYY: left.sumYY + right.sumYY,
    sumXY: left.sumXY + right.sumXY,
  }),
  result: ({ count, sumX, sumY, sumXX, sumYY, sumXY }) => {
    if (count < 2) return null;
    const covariance = sumXY - (sumX * sumY) / count;
    const spread = Math.sqrt((sumXX - (sumX * sumX) / count) * (sumYY - (sumY * sumY) / count));
    return spread === 0 ? null : covariance / spread;
  },
};

export const CORRELATION: FunctionDefinition = {
  name: 'CORRELATION',
  type: 'AGGREGATE',
  category: 'AGGREGATE',
  description: "Pearson's correlation coefficient of two columns.",
  overloads: [{ params: [P.double, P.double], paramNames: ['x', 'y'], returns: P.double, create: () => correlation as AggregateImplementation }],
};
