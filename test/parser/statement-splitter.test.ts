// splitStatements: semicolons inside strings, quoted names and comments do not split.
import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../src/parser/index.js';

describe('splitStatements', () => {
  it('splits on semicolons, keeping each one and where the statement starts', () => {
    expect(splitStatements("SELECT 1 FROM a;\n  SELECT 2 FROM b;")).toEqual([
      { text: 'SELECT 1 FROM a;', offset: 0, line: 1, column: 1 },
      { text: 'SELECT 2 FROM b;', offset: 19, line: 2, column: 3 },
    ]);
  });

  it('ignores semicolons inside strings, quoted identifiers and comments', () => {
    const sql = "INSERT INTO s VALUES ('a;b', 'it''s;');\nSELECT `x;y`, \"p;q\" FROM t -- c;d\n/* e;f */ ;";
    expect(splitStatements(sql).map((piece) => piece.text)).toEqual([
      "INSERT INTO s VALUES ('a;b', 'it''s;');",
      'SELECT `x;y`, "p;q" FROM t -- c;d\n/* e;f */ ;',
    ]);
  });

  it('keeps a last statement without a semicolon, without trailing blanks or comments', () => {
    expect(splitStatements('SELECT 1 FROM a;\nSELECT 2 FROM b  -- done\n').map((piece) => piece.text)).toEqual(['SELECT 1 FROM a;', 'SELECT 2 FROM b']);
  });

  it('drops empty pieces and pieces holding only comments', () => {
    expect(splitStatements(' ;; -- nothing\n /* here */ ;\n')).toEqual([]);
    expect(splitStatements('-- leading comment\nSHOW STREAMS;')).toEqual([{ text: 'SHOW STREAMS;', offset: 19, line: 2, column: 1 }]);
  });

  it('keeps an unterminated string inside its statement so that parsing reports it', () => {
    expect(splitStatements("SELECT 'abc; FROM t; SELECT 1 FROM u;").map((piece) => piece.text)).toEqual(["SELECT 'abc; FROM t; SELECT 1 FROM u;"]);
  });
});
