// How a value from the REST API shows in a table cell: JSON for structures, NULL for null.
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
