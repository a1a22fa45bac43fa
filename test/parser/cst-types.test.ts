// Keeps src/parser/cst-types.ts in step with the grammar; `UPDATE_CST_TYPES=1 npx vitest run test/parser/cst-types.test.ts` regenerates it.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateCstDts } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { SqlGrammar } from '../../src/parser/grammar.js';

const file = fileURLToPath(new URL('../../src/parser/cst-types.ts', import.meta.url));
const header = '// The CST node types, generated from grammar.ts by test/parser/cst-types.test.ts: do not edit, regenerate.\n';

/** Chevrotain's generator imports ICstVisitor even when asked for no visitor interface. */
function generateCstTypes(): string {
  const generated = generateCstDts(new SqlGrammar().getGAstProductions(), { includeVisitorInterface: false });
  return header + generated.replace('CstNode, ICstVisitor, IToken', 'CstNode, IToken');
}

describe('cst-types.ts', () => {
  it('matches the grammar', () => {
    const generated = generateCstTypes();
    if (process.env['UPDATE_CST_TYPES'] === '1') writeFileSync(file, generated);
    expect(readFileSync(file, 'utf8')).toBe(generated);
  });
});
