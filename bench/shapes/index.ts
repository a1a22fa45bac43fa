// The benchmark's query shapes, the baseline first.
import type { Shape } from '../shape.js';
import { countByKey10k, countByKey1m } from './count-by-key.js';
import { filterProject } from './filter-project.js';
import { filterProjectAvro } from './filter-project-avro.js';
import { hoppingWindow } from './hopping-window.js';
import { rawPassthrough } from './raw-passthrough.js';
import { rekey } from './rekey.js';
import { sessionWindow } from './session-window.js';
import { streamStreamJoin } from './stream-stream-join.js';
import { streamTableJoin } from './stream-table-join.js';
import { tumblingWindow } from './tumbling-window.js';

/** raw-passthrough comes first: every other shape's ratio is to it, measured in the same run. */
export const baselineShape: Shape = rawPassthrough;

/** To add a shape: write `shapes/<name>.ts` exporting a Shape and list it here. */
export const availableShapes: readonly Shape[] = [
  rawPassthrough,
  filterProject,
  filterProjectAvro,
  rekey,
  countByKey10k,
  countByKey1m,
  tumblingWindow,
  hoppingWindow,
  sessionWindow,
  streamTableJoin,
  streamStreamJoin,
];
