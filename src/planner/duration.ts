// Durations in milliseconds from text such as '30 SECONDS' (the WINDOW_SIZE property).
import type { Duration, Span, TimeUnit } from '../parser/index.js';
import { PlanError } from './plan-error.js';

const MILLISECONDS_PER_UNIT: Readonly<Record<TimeUnit, number>> = {
  DAYS: 86_400_000,
  HOURS: 3_600_000,
  MINUTES: 60_000,
  SECONDS: 1000,
  MILLISECONDS: 1,
  MICROSECONDS: 0.001,
  NANOSECONDS: 0.000001,
};

/** `'30 SECONDS'`, `'1 HOUR'`: the WINDOW_SIZE property's text form. */
export function parseDurationText(text: string, property: string, span: Span | undefined): number {
  const match = /^\s*(\d+)\s+([A-Za-z]+)\s*$/.exec(text);
  if (match === null) {
    throw new PlanError(`Configuration ${property} is invalid: Invalid duration: '${text}'. Expected '<value> <unit>'`, span);
  }
  const unitText = match[2]!.toUpperCase();
  const unit = (unitText.endsWith('S') ? unitText : `${unitText}S`) as TimeUnit;
  const factor = MILLISECONDS_PER_UNIT[unit];
  if (factor === undefined) {
    throw new PlanError(
      `Configuration ${property} is invalid: Invalid duration: '${text}'. Unknown time unit: '${unitText}'`,
      span,
    );
  }
  return Number(match[1]) * factor;
}

/** A duration written in SQL (`SIZE 30 SECONDS`), in milliseconds. */
export function durationMillis(duration: Duration): number {
  return duration.value * MILLISECONDS_PER_UNIT[duration.unit];
}
