// Aligned tables (cli-table3): a whole result at once, or a push query's rows one by one under a
// header whose column widths are fixed up front, since later rows are not known yet.
import Table from 'cli-table3';
import { isLosslessNumber, stringify as stringifyLossless } from 'lossless-json';

/** No colours from cli-table3 itself: the shell colours what it means to, and tests read plain text. */
const plainStyle = { head: [], border: [] };

/** A value as a cell: strings bare, numbers exactly as the server wrote them, structures as JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value;
  if (isLosslessNumber(value)) return value.toString();
  return stringifyLossless(value) ?? String(value);
}

export function renderTable(head: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const table = new Table({ head: [...head], style: plainStyle, wordWrap: true, colWidths: fitWidths(head.map((name, index) => naturalWidth(name, rows, index))) });
  for (const row of rows) table.push(row.map(cellText));
  return table.toString();
}

/** Two columns, name and value, for the fields of one described object. */
export function renderPairs(pairs: readonly (readonly [string, unknown])[]): string {
  const table = new Table({ style: plainStyle, wordWrap: true, colWidths: fitWidths([Math.max(...pairs.map(([name]) => name.length)) + 2, 80]) });
  for (const [name, value] of pairs) table.push([name, cellText(value)]);
  return table.toString();
}

/** Prints a push query's rows as they arrive, in columns sized from the header's names and types. */
export class StreamingTable {
  private readonly widths: number[];

  constructor(
    private readonly head: readonly string[],
    types: readonly string[],
  ) {
    this.widths = fitWidths(head.map((name, index) => Math.max(name.length + 2, typeWidth(types[index] ?? 'STRING'))));
  }

  header(): string {
    const table = new Table({ head: [...this.head], style: plainStyle, colWidths: this.widths, chars: noBottom });
    return withoutTrailingBorder(table.toString());
  }

  row(values: readonly unknown[]): string {
    const table = new Table({ style: plainStyle, wordWrap: true, colWidths: this.widths, chars: { ...noTop, ...noBottom } });
    table.push(values.map(cellText));
    return table.toString();
  }

  footer(): string {
    return `└${this.widths.map((width) => '─'.repeat(width)).join('┴')}┘`;
  }
}

const noTop = { top: '', 'top-mid': '', 'top-left': '', 'top-right': '' };
const noBottom = { bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '' };

/** A header-only table still draws its separator under the names: that line stays, nothing after it. */
function withoutTrailingBorder(text: string): string {
  return text.replace(/\n+$/, '');
}

function naturalWidth(name: string, rows: readonly (readonly unknown[])[], index: number): number {
  return Math.max(name.length, ...rows.map((row) => cellText(row[index]).length)) + 2;
}

/** Room for a typical value of the type, so most rows of a push query fit on one line. */
function typeWidth(type: string): number {
  if (type === 'BOOLEAN' || type === 'INTEGER') return 10;
  if (type === 'BIGINT' || type === 'DOUBLE' || type.startsWith('DECIMAL') || type === 'DATE' || type === 'TIME') return 16;
  return 24;
}

/** Shrinks the widest columns until the table fits the terminal; values then wrap inside their cells. */
function fitWidths(widths: readonly number[]): number[] {
  const available = (process.stdout.columns ?? 120) - widths.length - 1;
  const fitted = [...widths];
  while (fitted.reduce((sum, width) => sum + width, 0) > available) {
    const widest = fitted.indexOf(Math.max(...fitted));
    if (fitted[widest]! <= 8) break;
    fitted[widest] = fitted[widest]! - 1;
  }
  return fitted;
}
