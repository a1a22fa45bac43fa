// Substitutes `${name}` variable references (from DEFINE or session variables) before a statement is parsed.
import { ParseError } from './errors.js';
import { spanInText, startOfText } from './source-span.js';

const variableReference = /\$\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/g;

/**
 * Replaces every `${name}` with its value; names are case-insensitive. As in ksqlDB, references
 * inside string literals are substituted too (`kafka_topic='${topic}'`).
 */
export function substituteVariables(text: string, variables: ReadonlyMap<string, string>): string {
  // Most statements reference no variable: a pull query per request should not pay for the Map.
  if (!text.includes('${')) return text;
  const values = new Map([...variables].map(([name, value]) => [name.toUpperCase(), value]));
  return text.replace(variableReference, (reference: string, name: string, offset: number) => {
    const value = values.get(name.toUpperCase());
    if (value !== undefined) return value;
    const span = spanInText(text, offset, reference.length, startOfText);
    throw new ParseError(`line ${span.line}:${span.column}: Undefined variable: '${name}'. DEFINE it first, e.g. DEFINE ${name} = 'value';`, span);
  });
}
