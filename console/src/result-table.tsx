// A table of rows under their column names (pull results, push rows, listed entities).
import { cellText } from './cell-text.js';

export interface ResultTableProps {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
  readonly testId: string;
}

export function ResultTable({ columns, rows, testId }: ResultTableProps) {
  return (
    <div class="table-scroll">
      <table data-testid={testId}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column}>{column}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, rowIndex) => (
            <tr key={rowIndex}>
              {row.map((value, columnIndex) => (
                <td key={columnIndex}>{cellText(value)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
