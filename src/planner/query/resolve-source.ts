// Looks up a FROM (or INSERT INTO) source in the catalog, with ksqlDB's message and a name hint.
import type { Span } from '../../parser/index.js';
import type { DataSource, MetastoreView } from '../metastore.js';
import { PlanError } from '../plan-error.js';
import { sourceNameHint } from '../source-name-hint.js';

export function resolveSource(name: string, span: Span, metastore: MetastoreView): DataSource {
  const source = metastore.getSource(name);
  if (source !== undefined) return source;
  const hint = sourceNameHint(name, metastore);
  throw new PlanError(`Line: ${span.line}, Col: ${span.column}: Source \`${name}\` does not exist.${hint}`, span, 'NOT_FOUND');
}
