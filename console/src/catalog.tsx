// The catalog: streams, tables and persistent queries with their state and consumer lag,
// refreshed every few seconds and whenever the editor ran statements.
import { useEffect, useState } from 'preact/hooks';
import { fetchMetricsText, runStatements, type KsqlEntity } from './api.js';
import { lagByQuery } from './query-lag.js';

const REFRESH_MS = 2000;

interface Source {
  readonly name: string;
  readonly topic: string;
}

interface Query {
  readonly id: string;
  readonly state: string;
  readonly sinks: readonly string[];
}

interface CatalogState {
  readonly streams: readonly Source[];
  readonly tables: readonly Source[];
  readonly queries: readonly Query[];
  readonly lags: ReadonlyMap<string, number>;
  readonly error: string | undefined;
}

export interface CatalogProps {
  /** Bumped to refresh at once. */
  readonly refreshKey: number;
  readonly onPick: (sql: string) => void;
}

export function Catalog({ refreshKey, onPick }: CatalogProps) {
  const [catalog, setCatalog] = useState<CatalogState>({ streams: [], tables: [], queries: [], lags: new Map(), error: undefined });

  useEffect(() => {
    let cancelled = false;
    const refresh = async () => {
      try {
        const [entities, metrics] = await Promise.all([runStatements('SHOW STREAMS; SHOW TABLES; SHOW QUERIES;'), fetchMetricsText()]);
        if (!cancelled) setCatalog({ ...listed(entities), lags: lagByQuery(metrics), error: undefined });
      } catch (error) {
        if (!cancelled) setCatalog((current) => ({ ...current, error: (error as Error).message }));
      }
    };
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [refreshKey]);

  return (
    <nav class="catalog" data-testid="catalog">
      {catalog.error !== undefined && <p class="error">{catalog.error}</p>}
      <SourceList title="Streams" sources={catalog.streams} onPick={(name) => onPick(`SELECT * FROM ${name} EMIT CHANGES;`)} />
      <SourceList title="Tables" sources={catalog.tables} onPick={(name) => onPick(`SELECT * FROM ${name};`)} />
      <h2>Queries</h2>
      <ul data-testid="catalog-queries">
        {catalog.queries.map((query) => (
          <li key={query.id} title={query.id}>
            <span class={`state state-${query.state.toLowerCase()}`}>{query.state}</span> {query.id}
            <div class="detail">
              → {query.sinks.join(', ')} · lag {catalog.lags.get(query.id) ?? '–'}
            </div>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function SourceList({ title, sources, onPick }: { readonly title: string; readonly sources: readonly Source[]; readonly onPick: (name: string) => void }) {
  return (
    <>
      <h2>{title}</h2>
      <ul data-testid={`catalog-${title.toLowerCase()}`}>
        {sources.map((source) => (
          <li key={source.name}>
            <button class="link" title={`topic ${source.topic}`} onClick={() => onPick(source.name)}>
              {source.name}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The streams, tables and queries of SHOW STREAMS, SHOW TABLES and SHOW QUERIES. */
function listed(entities: readonly KsqlEntity[]): Pick<CatalogState, 'streams' | 'tables' | 'queries'> {
  const field = (type: string, name: string): Record<string, unknown>[] =>
    (entities.find((entity) => entity['@type'] === type)?.[name] as Record<string, unknown>[] | undefined) ?? [];
  const source = (item: Record<string, unknown>): Source => ({ name: String(item['name']), topic: String(item['topic']) });
  return {
    streams: field('streams', 'streams').map(source),
    tables: field('tables', 'tables').map(source),
    queries: field('queries', 'queries').map((item) => ({
      id: String(item['id']),
      state: String(item['state']),
      sinks: Array.isArray(item['sinks']) ? item['sinks'].map(String) : [],
    })),
  };
}
