// A WINDOW clause in milliseconds, with ksqlDB's defaults: grace is max(24h − size, 0) when not
// given (StreamAggregateBuilder.defaultGrace), and a window is kept at least size + grace.
// Beyond ksqlDB, `TIME ZONE 'Europe/Paris'` aligns tumbling and hopping windows to local time:
// a 1-day window is a local day, 23 or 25 hours long across a daylight-saving change.
import type { WindowExpression } from '../../parser/index.js';
import { durationMillis } from '../duration.js';
import type { WindowInfo } from '../metastore.js';
import { resolveTimeZone, type TimeZone } from '../functions/time-zones.js';
import { PlanError } from '../plan-error.js';

const DAY_MS = 86_400_000;

export type WindowSpec =
  | {
      readonly kind: 'TUMBLING' | 'HOPPING';
      readonly sizeMs: number;
      readonly advanceMs: number;
      readonly graceMs: number;
      readonly retentionMs: number;
      /** Beyond ksqlDB: windows aligned to this zone's wall clock (an IANA id), not to UTC. */
      readonly timeZone?: string;
    }
  | { readonly kind: 'SESSION'; readonly gapMs: number; readonly graceMs: number; readonly retentionMs: number };

export function windowSpec(window: WindowExpression): WindowSpec {
  const explicitGrace = window.grace === undefined ? undefined : durationMillis(window.grace);
  const explicitRetention = window.retention === undefined ? undefined : durationMillis(window.retention);
  if (window.kind === 'SessionWindow') {
    if (window.timeZone !== undefined) {
      throw new PlanError('TIME ZONE aligns tumbling and hopping windows; a SESSION window has no alignment.', window.timeZone.span);
    }
    const gapMs = durationMillis(window.gap);
    if (gapMs <= 0) throw new PlanError('Session window gap must be positive.', window.gap.span);
    const graceMs = explicitGrace ?? Math.max(DAY_MS - gapMs, 0);
    return { kind: 'SESSION', gapMs, graceMs, retentionMs: Math.max(explicitRetention ?? 0, gapMs + graceMs) };
  }
  const sizeMs = durationMillis(window.size);
  if (sizeMs <= 0) throw new PlanError('Window size must be positive.', window.size.span);
  const advanceMs = window.kind === 'HoppingWindow' ? durationMillis(window.advance) : sizeMs;
  if (window.kind === 'HoppingWindow' && (advanceMs <= 0 || advanceMs > sizeMs)) {
    throw new PlanError(`Window advance must be positive and not larger than the window size: ADVANCE BY ${advanceMs} ms, SIZE ${sizeMs} ms.`, window.advance.span);
  }
  const graceMs = explicitGrace ?? Math.max(DAY_MS - sizeMs, 0);
  if (explicitRetention !== undefined && explicitRetention < sizeMs + graceMs) {
    throw new PlanError(
      `The retention period (${explicitRetention} ms) must not be less than the window size plus grace period (${sizeMs + graceMs} ms).`,
      window.retention?.span,
    );
  }
  const spec = { kind: window.kind === 'HoppingWindow' ? 'HOPPING' : 'TUMBLING', sizeMs, advanceMs, graceMs, retentionMs: explicitRetention ?? sizeMs + graceMs } as const;
  if (window.timeZone === undefined) return spec;
  let zone: TimeZone;
  try {
    zone = resolveTimeZone(window.timeZone.name);
  } catch {
    throw new PlanError(`Unknown time zone in the window: '${window.timeZone.name}'. Use an IANA name such as 'Europe/Paris', or an offset such as '+02:00'.`, window.timeZone.span);
  }
  return { ...spec, timeZone: zone.id };
}

/** The window of the table an aggregation writes, as the catalog records it. */
export function windowInfo(spec: WindowSpec): WindowInfo {
  return spec.kind === 'SESSION' ? { type: 'SESSION' } : { type: spec.kind, sizeMs: spec.sizeMs };
}
