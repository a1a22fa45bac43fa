// The hint ksqlDB gives when a source name is unknown but differs only in case from one that exists.
import type { MetastoreView } from './metastore.js';

export function sourceNameHint(name: string, metastore: MetastoreView): string {
  const other = metastore.listSources().find((candidate) => candidate.name.toUpperCase() === name.toUpperCase());
  if (other === undefined) return '';
  return other.name === other.name.toUpperCase()
    ? `\nDid you mean ${other.name}? Hint: try removing double quotes from the source name.`
    : `\nDid you mean "${other.name}"? Hint: wrap the source name in double quotes to make it case-sensitive.`;
}
