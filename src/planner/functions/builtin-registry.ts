// A function registry holding every built-in function, and any user-defined functions after them.
import { BUILTIN_FUNCTIONS } from './builtins.js';
import { FunctionRegistry } from './registry.js';
import type { FunctionDefinition } from './registry-types.js';

/** User-defined functions must not reuse a built-in name (the function loader checks that first). */
export function createBuiltinRegistry(userFunctions: readonly FunctionDefinition[] = []): FunctionRegistry {
  const registry = new FunctionRegistry();
  for (const definition of BUILTIN_FUNCTIONS) registry.register(definition);
  for (const definition of userFunctions) registry.register(definition);
  return registry;
}
