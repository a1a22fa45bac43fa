// A function registry holding every built-in function.
import { BUILTIN_FUNCTIONS } from './builtins.js';
import { FunctionRegistry } from './registry.js';

export function createBuiltinRegistry(): FunctionRegistry {
  const registry = new FunctionRegistry();
  for (const definition of BUILTIN_FUNCTIONS) registry.register(definition);
  return registry;
}
