// Test support: an AST copy without `span` (and `targetSpan`) fields, so that tests can compare shapes with toEqual.
export function withoutSpans(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutSpans);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(Object.entries(node).filter(([key]) => key !== 'span' && key !== 'targetSpan').map(([key, value]) => [key, withoutSpans(value)]));
}
