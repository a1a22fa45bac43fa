// What /ksql answered, one block per statement: a status message, a listing as a table, or the
// entity itself as JSON (DESCRIBE, EXPLAIN and the rest).
import type { KsqlEntity } from './api.js';
import { ResultTable } from './result-table.js';

export function EntitiesView({ entities }: { readonly entities: readonly KsqlEntity[] }) {
  return (
    <div data-testid="entities">
      {entities.map((entity, index) => (
        <section class="entity" key={index}>
          <div class="statement">{entity.statementText}</div>
          <EntityBody entity={entity} />
        </section>
      ))}
    </div>
  );
}

function EntityBody({ entity }: { readonly entity: KsqlEntity }) {
  const status = entity['commandStatus'];
  if (typeof status === 'object' && status !== null && 'message' in status) return <div class="status">{String(status.message)}</div>;
  const listing = Object.values(entity).find(isListOfObjects);
  if (listing !== undefined) {
    const columns = [...new Set(listing.flatMap((item) => Object.keys(item)))];
    return <ResultTable testId="listing" columns={columns} rows={listing.map((item) => columns.map((column) => item[column]))} />;
  }
  return <pre class="json">{JSON.stringify(entity, null, 2)}</pre>;
}

function isListOfObjects(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item));
}
