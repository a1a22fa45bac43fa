// The benchmark's query shapes: those that run, and those waiting for their operator.
import type { Shape } from '../shape.js';
import { filterProject } from './filter-project.js';
import { rawPassthrough } from './raw-passthrough.js';
import { rekey } from './rekey.js';

/** raw-passthrough comes first: every other shape's ratio is to it, measured in the same run. */
export const baselineShape: Shape = rawPassthrough;

/** To add a shape: write `shapes/<name>.ts` exporting a Shape, list it here, and drop its name below. */
export const availableShapes: readonly Shape[] = [rawPassthrough, filterProject, rekey];

/** Shapes of the issue whose operators Squall does not implement yet; printed as not available. */
export const unavailableShapeNames: readonly string[] = [
  'count-by-key',
  'tumbling-window',
  'hopping-window',
  'session-window',
  'stream-table-join',
  'stream-stream-join',
];
