// A bounded memo for things compiled from function arguments: Java regexes, JSON paths, datetime patterns, time zones.

/**
 * Wraps `compile` so each distinct text is compiled once. The text is nearly always a literal, so
 * few entries are live; when an argument read from each record fills the cache, it is emptied
 * rather than left to grow without bound. A compile that throws caches nothing.
 */
export function compiledCache<Compiled>(compile: (text: string) => Compiled, limit = 1000): (text: string) => Compiled {
  const cache = new Map<string, Compiled>();
  return (text) => {
    const cached = cache.get(text);
    if (cached !== undefined) return cached;
    const compiled = compile(text);
    if (cache.size >= limit) cache.clear();
    cache.set(text, compiled);
    return compiled;
  };
}
