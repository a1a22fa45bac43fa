// Applies SQL files kept in the repository (queries/*.sql) at start-up, idempotently: a
// statement already in effect (same source, same definition; same INSERT query) is skipped, so
// re-applying a file after a restart starts nothing twice.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseStatement, splitStatements, substituteVariables, type Statement } from '../parser/index.js';
import type { Engine } from './engine.js';

export interface AppliedFile {
  readonly file: string;
  readonly executed: number;
  readonly skipped: number;
  readonly warnings: readonly string[];
}

/** Files in name order; throws (naming the file and statement) at the first statement that fails. */
export async function applyQueryDirectory(engine: Engine, directory: string): Promise<AppliedFile[]> {
  let names: string[];
  try {
    names = (await readdir(directory)).filter((name) => name.endsWith('.sql')).sort();
  } catch {
    return [];
  }
  const results: AppliedFile[] = [];
  for (const name of names) {
    const path = join(directory, name);
    results.push(await applyQueryFile(engine, path, await readFile(path, 'utf8')));
  }
  return results;
}

export async function applyQueryFile(engine: Engine, file: string, sql: string): Promise<AppliedFile> {
  let executed = 0;
  let skipped = 0;
  const warnings: string[] = [];
  const variables = new Map<string, string>();
  for (const piece of splitStatements(sql)) {
    const text = substituteVariables(piece.text, variables);
    const { statement } = parseStatement(text);
    if (statement.kind === 'DefineVariable') {
      variables.set(statement.name.toUpperCase(), statement.value);
      continue;
    }
    const effect = existingEffect(engine, statement, text);
    if (effect === 'same') {
      skipped++;
      continue;
    }
    if (effect === 'different') {
      warnings.push(`${file}: ${describe(statement)} already exists with another definition; it was left as it is.`);
      skipped++;
      continue;
    }
    try {
      await engine.execute({ sql: text });
    } catch (error) {
      throw new Error(`${file} (line ${piece.line}): ${(error as Error).message}`);
    }
    executed++;
  }
  return { file, executed, skipped, warnings };
}

function existingEffect(engine: Engine, statement: Statement, text: string): 'none' | 'same' | 'different' {
  switch (statement.kind) {
    case 'CreateSource':
    case 'CreateAsSelect': {
      const existing = engine.metastore.getSource(statement.name);
      if (existing === undefined) return 'none';
      return normalise(existing.statementText) === normalise(text) ? 'same' : 'different';
    }
    case 'CreateType':
      return engine.metastore.types().has(statement.name) ? 'same' : 'none';
    case 'InsertInto':
      return engine.runningQueryTexts().some((running) => normalise(running) === normalise(text)) ? 'same' : 'none';
    default:
      return 'none';
  }
}

function describe(statement: Statement): string {
  return 'name' in statement && typeof statement.name === 'string' ? statement.name : statement.kind;
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/;\s*$/, '').trim();
}
