// Loads user-defined functions from a directory of .ts/.js modules at start-up. Every problem
// (a module that does not load, exports nothing usable, declares a bad signature or reuses a
// name) is collected and thrown together, naming each file, so that a server refuses to start.
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBuiltinRegistry, readUserFunction, type FunctionDefinition } from '../planner/index.js';

export class FunctionLoadError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Cannot load the user-defined functions:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'FunctionLoadError';
  }
}

export interface FunctionDirectoryOptions {
  /** The directory was asked for by name: its absence is an error, not "no functions". */
  readonly required: boolean;
}

const MODULE_FILE = /\.(?:ts|mts|js|mjs)$/;
const SKIPPED_FILE = /\.d\.(?:ts|mts)$|\.test\.(?:ts|js)$/;

/** The definitions of every module in `directory`, in file name order; throws FunctionLoadError. */
export async function loadFunctionDirectory(directory: string, options: FunctionDirectoryOptions): Promise<FunctionDefinition[]> {
  const files = await moduleFiles(directory, options);
  const builtins = createBuiltinRegistry();
  const definedBy = new Map<string, string>();
  const definitions: FunctionDefinition[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const loaded = await loadModule(file);
    if (typeof loaded === 'string') {
      problems.push(`${file}: ${loaded}`);
      continue;
    }
    for (const exported of loaded) {
      const reading = readUserFunction(exported, file);
      if (!reading.ok) {
        problems.push(`${file}: ${reading.problem}`);
        continue;
      }
      const name = reading.definition.name;
      const earlier = definedBy.get(name);
      const clash = builtins.get(name) !== undefined ? `the built-in function ${name}` : earlier === undefined ? undefined : `${name} from ${earlier}`;
      if (clash !== undefined) {
        problems.push(`${file}: ${name} clashes with ${clash}`);
        continue;
      }
      definedBy.set(name, file);
      definitions.push(reading.definition);
    }
  }
  if (problems.length > 0) throw new FunctionLoadError(problems);
  return definitions;
}

async function moduleFiles(directory: string, options: FunctionDirectoryOptions): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !options.required) return [];
    const reason = code === 'ENOENT' ? 'it does not exist' : code === 'ENOTDIR' ? 'it is not a directory' : (error as Error).message;
    throw new FunctionLoadError([`${directory}: cannot read the functions directory: ${reason}`]);
  }
  return names
    .filter((name) => MODULE_FILE.test(name) && !SKIPPED_FILE.test(name) && !name.startsWith('.'))
    .sort()
    .map((name) => join(directory, name));
}

let typeScriptLoader: Promise<void> | undefined;

/**
 * Imports a module; TypeScript through tsx, registered the first time Node itself cannot load
 * one (a compiled server, which does not run under tsx).
 */
async function importModule(file: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(resolve(file)).href;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
    typeScriptLoader ??= import('tsx/esm/api').then(({ register }) => void register());
    await typeScriptLoader;
    // Another URL: Node remembers the failed import of the first.
    return (await import(`${url}?typescript`)) as Record<string, unknown>;
  }
}

/** The module's default export as a list of candidate definitions, or what went wrong. */
async function loadModule(file: string): Promise<unknown[] | string> {
  let module: Record<string, unknown>;
  try {
    module = await importModule(file);
  } catch (error) {
    return `the module failed to load: ${error instanceof Error ? error.message : String(error)}`;
  }
  const exported = module['default'];
  if (exported === undefined || exported === null) {
    return "exports no function: give it `export default defineFunction({ name, kind, description, signatures, ... })` (or a plain object, or an array of them)";
  }
  if (!Array.isArray(exported)) return [exported];
  return exported.length > 0 ? exported : 'its default export is an empty array';
}
