// The SQL editor and what it ran: statements' entities, a pull query's table, or a push query's
// live table and chart until it is stopped (which closes it on the server).
import { useEffect, useRef, useState } from 'preact/hooks';
import { closeQuery, runStatements, streamQuery, type KsqlEntity, type QueryHeader } from './api.js';
import { EntitiesView } from './entities-view.js';
import { LiveChart } from './live-chart.js';
import { LiveRows, type ColumnRef } from './live-rows.js';
import { ResultTable } from './result-table.js';
import { isPushQuery, isQuery } from './statement-kind.js';

type Result =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running' }
  | { readonly kind: 'entities'; readonly entities: readonly KsqlEntity[] }
  | { readonly kind: 'query'; readonly header: QueryHeader; readonly rows: LiveRows; readonly push: boolean; readonly split: ColumnRef | undefined }
  | { readonly kind: 'error'; readonly message: string };

interface RunningQuery {
  readonly controller: AbortController;
  queryId: string | undefined;
}

export interface WorkspaceProps {
  /** Text the catalog asks to put in the editor (a click on a stream or table); a new object each time. */
  readonly suggestion: { readonly sql: string } | undefined;
  /** Called after statements ran, so that the catalog refreshes. */
  readonly onStatementsRun: () => void;
}

export function Workspace({ suggestion, onStatementsRun }: WorkspaceProps) {
  const [sql, setSql] = useState('SHOW STREAMS;');
  const [result, setResult] = useState<Result>({ kind: 'idle' });
  const [live, setLive] = useState(false);
  const [version, setVersion] = useState(0);
  const running = useRef<RunningQuery | undefined>(undefined);
  const redraw = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (suggestion !== undefined) setSql(suggestion.sql);
  }, [suggestion]);

  /** Re-renders at most once a frame, however fast rows arrive. */
  const scheduleRedraw = () => {
    redraw.current ??= requestAnimationFrame(() => {
      redraw.current = undefined;
      setVersion((current) => current + 1);
    });
  };

  const stop = () => {
    const query = running.current;
    running.current = undefined;
    setLive(false);
    if (query === undefined) return;
    query.controller.abort();
    if (query.queryId !== undefined) void closeQuery(query.queryId);
  };

  const runQuery = async (text: string) => {
    const query: RunningQuery = { controller: new AbortController(), queryId: undefined };
    running.current = query;
    const push = isPushQuery(text);
    setLive(push);
    let rows: LiveRows | undefined;
    try {
      await streamQuery(
        text,
        {},
        {
          onHeader: (header) => {
            query.queryId = header.queryId;
            rows = new LiveRows(header.columnNames, header.columnTypes);
            // An aggregation's rows are updates per group: a line per group is what reads well.
            const split = /\bGROUP\s+BY\b/i.test(text) ? rows.splitColumns[0] : undefined;
            setResult({ kind: 'query', header, rows, push, split });
          },
          onRow: (values) => {
            rows?.append(values, Date.now());
            scheduleRedraw();
          },
        },
        query.controller.signal,
      );
    } catch (error) {
      if (!query.controller.signal.aborted) setResult({ kind: 'error', message: (error as Error).message });
    } finally {
      if (running.current === query) {
        running.current = undefined;
        setLive(false);
      }
      scheduleRedraw();
    }
  };

  const run = async () => {
    stop();
    const text = sql.trim();
    if (text === '') return;
    setResult({ kind: 'running' });
    if (isQuery(text)) return runQuery(text);
    try {
      setResult({ kind: 'entities', entities: await runStatements(text) });
    } catch (error) {
      setResult({ kind: 'error', message: (error as Error).message });
    }
    onStatementsRun();
  };

  useEffect(() => stop, []);

  return (
    <main class="workspace">
      <textarea
        data-testid="sql-editor"
        class="editor"
        spellcheck={false}
        value={sql}
        onInput={(event) => setSql(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void run();
          }
        }}
      />
      <div class="toolbar">
        <button data-testid="run" onClick={() => void run()}>
          Run <kbd>Ctrl+Enter</kbd>
        </button>
        <button data-testid="stop" disabled={!live} onClick={stop}>
          Stop
        </button>
        {result.kind === 'query' && (
          <span class="row-count" data-testid="row-count">
            {result.rows.count} row{result.rows.count === 1 ? '' : 's'}
            {live ? ' (live)' : ''}
          </span>
        )}
      </div>
      <ResultView result={result} version={version} onSplit={(split) => setResult((current) => (current.kind === 'query' ? { ...current, split } : current))} />
    </main>
  );
}

interface ResultViewProps {
  readonly result: Result;
  readonly version: number;
  readonly onSplit: (split: ColumnRef | undefined) => void;
}

function ResultView({ result, version, onSplit }: ResultViewProps) {
  switch (result.kind) {
    case 'idle':
      return <p class="hint">Type SQL and press Run. SELECT … EMIT CHANGES streams live.</p>;
    case 'running':
      return <p class="hint">Running…</p>;
    case 'error':
      return (
        <pre class="error" data-testid="error">
          {result.message}
        </pre>
      );
    case 'entities':
      return <EntitiesView entities={result.entities} />;
    case 'query':
      return (
        <div>
          {result.push && result.rows.numericColumns.length > 0 && (
            <>
              <SplitPicker columns={result.rows.splitColumns} split={result.split} onSplit={onSplit} />
              <LiveChart rows={result.rows} split={result.split} version={version} />
            </>
          )}
          <ResultTable testId="query-rows" columns={result.header.columnNames} rows={result.push ? result.rows.latest : [...result.rows.latest].reverse()} />
        </div>
      );
  }
}

interface SplitPickerProps {
  readonly columns: readonly ColumnRef[];
  readonly split: ColumnRef | undefined;
  readonly onSplit: (split: ColumnRef | undefined) => void;
}

/** Chooses the column whose values split the chart into lines (none: one line per numeric column). */
function SplitPicker({ columns, split, onSplit }: SplitPickerProps) {
  if (columns.length === 0) return null;
  return (
    <label class="detail">
      One line per value of{' '}
      <select
        data-testid="split-by"
        value={split === undefined ? '' : String(split.index)}
        onChange={(event) => onSplit(columns.find((column) => String(column.index) === event.currentTarget.value))}
      >
        <option value="">(all rows together)</option>
        {columns.map((column) => (
          <option key={column.index} value={String(column.index)}>
            {column.name}
          </option>
        ))}
      </select>
    </label>
  );
}
