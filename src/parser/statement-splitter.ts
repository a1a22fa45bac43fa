// Splits a SQL script into statements on `;`, skipping semicolons inside strings, quoted names and comments.
//
// This is a character scanner rather than the Chevrotain lexer on purpose: a statement that does
// not lex (an unterminated string, a stray character) must still be split off so that its own parse
// reports the error, at its own line and column, while the statements around it stay intact.

/** One statement of a script: its trimmed text (with the `;`, if any) and where that text starts. */
export interface StatementPiece {
  readonly text: string;
  readonly offset: number;
  /** 1-based */
  readonly line: number;
  /** 1-based */
  readonly column: number;
}

/** Quoted regions: what opens them and what closes them. A doubled closing quote is an escape. */
const quotes: readonly string[] = ["'", '"', '`'];

interface Scanner {
  readonly sql: string;
  position: number;
  line: number;
  column: number;
}

function advance(scanner: Scanner, count: number): void {
  for (let step = 0; step < count && scanner.position < scanner.sql.length; step++) {
    if (scanner.sql[scanner.position] === '\n') {
      scanner.line++;
      scanner.column = 1;
    } else {
      scanner.column++;
    }
    scanner.position++;
  }
}

/** Moves past a string, quoted identifier or comment starting here; returns false if there is none. */
function skipQuotedOrComment(scanner: Scanner): boolean {
  const { sql, position } = scanner;
  const character = sql.charAt(position);
  if (quotes.includes(character)) {
    let end = position + 1;
    while (end < sql.length) {
      if (sql[end] === character && sql[end + 1] === character) end += 2;
      else if (sql[end] === character) break;
      else end++;
    }
    advance(scanner, end + 1 - position);
    return true;
  }
  if (sql.startsWith('--', position)) {
    const end = sql.indexOf('\n', position);
    advance(scanner, (end === -1 ? sql.length : end) - position);
    return true;
  }
  if (sql.startsWith('/*', position)) {
    const end = sql.indexOf('*/', position + 2);
    advance(scanner, (end === -1 ? sql.length : end + 2) - position);
    return true;
  }
  return false;
}

/** Splits on `;` outside strings, quoted identifiers and comments; pieces with only blanks and comments are dropped. */
export function splitStatements(sql: string): StatementPiece[] {
  const pieces: StatementPiece[] = [];
  const scanner: Scanner = { sql, position: 0, line: 1, column: 1 };
  let start: { offset: number; line: number; column: number } | undefined;
  let lastContentEnd = 0;
  const finishPiece = (end: number): void => {
    if (start !== undefined) pieces.push({ text: sql.slice(start.offset, end), offset: start.offset, line: start.line, column: start.column });
    start = undefined;
  };
  while (scanner.position < sql.length) {
    const character = sql.charAt(scanner.position);
    const isComment = sql.startsWith('--', scanner.position) || sql.startsWith('/*', scanner.position);
    if (start === undefined && !isComment && character !== ';' && !/\s/.test(character)) {
      start = { offset: scanner.position, line: scanner.line, column: scanner.column };
    }
    if (character === ';') {
      advance(scanner, 1);
      finishPiece(scanner.position);
      continue;
    }
    if (!skipQuotedOrComment(scanner)) advance(scanner, 1);
    if (!isComment && !/\s/.test(character)) lastContentEnd = scanner.position;
  }
  finishPiece(Math.max(lastContentEnd, start?.offset ?? 0));
  return pieces;
}
