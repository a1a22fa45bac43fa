// Regular-expression functions with Java regex patterns run as JS RegExps (same syntax for the common subset).
import type { FunctionDefinition } from './registry-types.js';
import { P, fixed } from './patterns.js';
import { compiledCache } from './compiled-cache.js';

/** Compiles a Java pattern as a global JS RegExp; leading inline flags such as (?i) become RegExp flags. */
const cachedJavaRegex = compiledCache((pattern: string): RegExp => {
  const inline = /^\(\?([imsx]+)\)/.exec(pattern);
  const flags = `g${(inline?.[1] ?? '').replace('x', '')}`;
  try {
    return new RegExp(translateJavaSyntax(inline === null ? pattern : pattern.slice(inline[0].length)), flags);
  } catch {
    throw new Error(`Invalid regular expression pattern: ${pattern}`);
  }
});

/** The cached RegExp, rewound: a global RegExp keeps its last match position between uses. */
function compileJavaRegex(pattern: string): RegExp {
  const regex = cachedJavaRegex(pattern);
  regex.lastIndex = 0;
  return regex;
}

/** Java-only syntax rewritten for JS: \Q...\E quoting, \A for the start and \z / \Z for the end of input. */
function translateJavaSyntax(pattern: string): string {
  return pattern.replace(/\\Q([\s\S]*?)(?:\\E|$)|\\[\s\S]/g, (token, quoted: string | undefined) => {
    if (quoted !== undefined) return quoted.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    if (token === '\\A') return '^';
    if (token === '\\z' || token === '\\Z') return '$';
    return token;
  });
}

function groupOf(match: RegExpExecArray, group: number): string | null {
  if (group < 0 || group >= match.length) throw new Error(`No group ${group}`);
  return match[group] ?? null;
}

function extract(text: string, pattern: string, group = 0): string | null {
  const match = compileJavaRegex(pattern).exec(text);
  return match === null ? null : groupOf(match, group);
}

function extractAll(text: string, pattern: string, group = 0): (string | null)[] {
  return [...text.matchAll(compileJavaRegex(pattern))].map((match) => groupOf(match, group));
}

/** Java replacement text to JS: `\x` is a literal x, `$n` and `${name}` refer to groups, `$0` to the whole match. */
function javaReplacement(replacement: string): string {
  return replacement.replace(/\\(.)|\$\{(\w+)\}|\$0(?!\d)|\$/g, (token, escaped: string | undefined, name: string | undefined) => {
    if (escaped !== undefined) return escaped === '$' ? '$$' : escaped;
    if (name !== undefined) return `$<${name}>`;
    // JS spells Java's whole-match reference `$0` as `$&`.
    return token === '$0' ? '$&' : token;
  });
}

/** Java's Pattern.split(text, -1): trailing empty parts kept, no leading empty part for a zero-width match at 0. */
function splitByRegex(text: string, pattern: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (const match of text.matchAll(compileJavaRegex(pattern))) {
    const end = match.index;
    if (match[0].length === 0 && end === 0) continue;
    parts.push(text.slice(start, end));
    start = end + match[0].length;
  }
  parts.push(text.slice(start));
  return parts;
}

export const REGEX_FUNCTIONS: readonly FunctionDefinition[] = [
  {
    name: 'REGEXP_EXTRACT',
    type: 'SCALAR',
    category: 'REGEX',
    description: 'The first match of a pattern (or of one of its groups), or null.',
    overloads: [
      fixed([P.string, P.string], P.string, (pattern: string, text: string) => extract(text, pattern)),
      fixed([P.string, P.string, P.int], P.string, (pattern: string, text: string, group: number) =>
        extract(text, pattern, group),
      ),
    ],
  },
  {
    name: 'REGEXP_EXTRACT_ALL',
    type: 'SCALAR',
    category: 'REGEX',
    description: 'Every match of a pattern (or of one of its groups).',
    overloads: [
      fixed([P.string, P.string], P.array(P.string), (pattern: string, text: string) => extractAll(text, pattern)),
      fixed([P.string, P.string, P.int], P.array(P.string), (pattern: string, text: string, group: number) =>
        extractAll(text, pattern, group),
      ),
    ],
  },
  {
    name: 'REGEXP_REPLACE',
    type: 'SCALAR',
    category: 'REGEX',
    description: 'Replaces every match of a pattern; $1 in the replacement refers to a group.',
    overloads: [
      fixed([P.string, P.string, P.string], P.string, (text: string, pattern: string, replacement: string) =>
        text.replace(compileJavaRegex(pattern), javaReplacement(replacement)),
      ),
    ],
  },
  {
    name: 'REGEXP_SPLIT_TO_ARRAY',
    type: 'SCALAR',
    category: 'REGEX',
    description: 'Splits a string around the matches of a pattern.',
    overloads: [fixed([P.string, P.string], P.array(P.string), (text: string, pattern: string) => splitByRegex(text, pattern))],
  },
];
