// Query result schemas as ksqlDB writes them: the `/query` header schema text and the
// `/query-stream` column names and type strings.
import type { QueryColumn } from '../engine/api.js';
import { formatType } from '../planner/types.js';

/** "`A` INTEGER KEY, `B` DOUBLE": key columns (pull queries only) are marked `KEY`. */
export function formatSchema(columns: readonly QueryColumn[]): string {
  return columns.map((column) => `\`${column.name}\` ${formatType(column.type)}${column.isKey ? ' KEY' : ''}`).join(', ');
}

export function columnNames(columns: readonly QueryColumn[]): string[] {
  return columns.map((column) => column.name);
}

/** SQL type text of each column: "STRING", "DECIMAL(4, 2)", "ARRAY<STRING>". */
export function columnTypes(columns: readonly QueryColumn[]): string[] {
  return columns.map((column) => formatType(column.type));
}
