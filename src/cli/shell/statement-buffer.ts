// Collects the lines a person types until they end a statement with `;` (outside strings and
// comments), then hands over every complete statement, keeping an unfinished one for more lines.
import { splitStatements, type StatementPiece } from '../../parser/index.js';

export class StatementBuffer {
  private text = '';

  /** True while a statement has been started but not ended: the prompt shows a continuation. */
  get pending(): boolean {
    return splitStatements(this.text).length > 0;
  }

  /** Adds a line; returns the statements it completed, in order. */
  addLine(line: string): StatementPiece[] {
    this.text = this.text === '' ? line : `${this.text}\n${line}`;
    const pieces = splitStatements(this.text);
    const complete = pieces.filter((piece) => piece.text.endsWith(';'));
    const unfinished = pieces.find((piece) => !piece.text.endsWith(';'));
    this.text = unfinished === undefined ? '' : this.text.slice(unfinished.offset);
    return complete;
  }

  clear(): void {
    this.text = '';
  }
}
