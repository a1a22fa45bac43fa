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
          {warningsOf(entity).map((warning) => (
            <div class="warning">{warning}</div>
          ))}
        </section>
      ))}
    </div>
  );
}

function EntityBody({ entity }: { readonly entity: KsqlEntity }) {
  const status = entity['commandStatus'];
  if (isRecord(status) && 'message' in status) return <div class="status">{String(status['message'])}</div>;
  const description = entity['sourceDescription'];
  if (isRecord(description)) return <SourceDescription description={description} />;
  // SHOW STREAMS, TABLES, QUERIES, TOPICS, FUNCTIONS, PROPERTIES...: the entity's one list.
  const listing = Object.entries(entity).find(([name, value]) => name !== 'warnings' && Array.isArray(value))?.[1];
  if (Array.isArray(listing) && listing.every(isRecord)) return <Listing items={listing} />;
  return <pre class="json">{JSON.stringify(entity, null, 2)}</pre>;
}

function Listing({ items }: { readonly items: readonly Record<string, unknown>[] }) {
  if (items.length === 0) return <div class="status">(none)</div>;
  const columns = [...new Set(items.flatMap((item) => Object.keys(item)))];
  return <ResultTable testId="listing" columns={columns} rows={items.map((item) => columns.map((column) => item[column]))} />;
}

/** DESCRIBE: the source's columns as a table, then the rest of what ksqlDB describes. */
function SourceDescription({ description }: { readonly description: Record<string, unknown> }) {
  const fields = Array.isArray(description['fields']) ? description['fields'].filter(isRecord) : [];
  const rows = fields.map((field) => [field['name'], isRecord(field['schema']) ? field['schema']['type'] : null, field['type'] ?? '']);
  const { fields: _fields, ...rest } = description;
  return (
    <div>
      <ResultTable testId="fields" columns={['Field', 'Type', '']} rows={rows} />
      <pre class="json">{JSON.stringify(rest, null, 2)}</pre>
    </div>
  );
}

function warningsOf(entity: KsqlEntity): string[] {
  const warnings = entity['warnings'];
  return Array.isArray(warnings) ? warnings.filter(isRecord).map((warning) => String(warning['message'])) : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
