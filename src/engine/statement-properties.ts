// A statement's property overrides (request properties and SET): their text, as the command
// topic and SHOW PROPERTIES hold them, and the offset reset a query is started with.

/** Each property's value as text. */
export function propertyTexts(properties: Readonly<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(Object.entries(properties).map(([name, value]) => [name, String(value)]));
}

/** Where a new query starts reading: `auto.offset.reset` (or its ksql.streams. form); `fallback` when unset or not a reset. */
export function offsetReset(properties: Readonly<Record<string, unknown>>, fallback: 'earliest' | 'latest'): 'earliest' | 'latest' {
  const reset = String(properties['auto.offset.reset'] ?? properties['ksql.streams.auto.offset.reset'] ?? fallback);
  return reset === 'earliest' || reset === 'latest' ? reset : fallback;
}
