import { parseExpression } from '../../src/parser/index.js';
import { compileExpression } from '../../src/planner/expression/index.js';
import { createBuiltinRegistry } from '../../src/planner/functions/builtin-registry.js';
import { contextOf, SqlTypes } from './ast-builders.js';
const registry = createBuiltinRegistry();
const context = contextOf({ S: SqlTypes.STRING, N: SqlTypes.INTEGER, A: SqlTypes.array(SqlTypes.INTEGER), E: SqlTypes.array(SqlTypes.STRING), M: SqlTypes.map(SqlTypes.STRING, SqlTypes.INTEGER), D: SqlTypes.decimal(4,2), B: SqlTypes.BIGINT }, registry);
const row = [null, null, [], [], new Map(), null, null];
const show = (v: unknown): string => typeof v === 'bigint' ? `${v}n` : v instanceof Map ? `Map${JSON.stringify([...v])}` : (v !== null && typeof v === 'object' && 'unscaled' in (v as object)) ? `Dec(${String(v)})` : JSON.stringify(v, (_k, x) => typeof x === 'bigint' ? `${x}n` : x);
for (const text of process.argv.slice(2)) {
  try {
    const compiled = compileExpression(parseExpression(text), context);
    let out: string;
    try { out = show(compiled.evaluate(row)); } catch (e) { out = `THROWS ${(e as Error).message}`; }
    console.log(`${text} :: ${compiled.type.kind}${compiled.type.kind==='DECIMAL'?`(${(compiled.type as any).precision},${(compiled.type as any).scale})`:''} = ${out}`);
  } catch (e) { console.log(`${text} :: PLAN ERROR ${(e as Error).message}`); }
}
