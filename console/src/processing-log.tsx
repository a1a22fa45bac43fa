// The processing log as a live list: a push query over KSQL_PROCESSING_LOG from its beginning,
// newest entry first, restarted after a pause if the server goes away.
import { useEffect, useState } from 'preact/hooks';
import { streamQuery } from './api.js';

const MAX_ENTRIES = 200;
const RETRY_MS = 3000;

interface Entry {
  readonly time: number;
  readonly type: string;
  readonly queryId: string;
  readonly where: string;
  readonly message: string;
}

export function ProcessingLog() {
  const [entries, setEntries] = useState<readonly Entry[]>([]);
  const [status, setStatus] = useState('connecting…');

  useEffect(() => {
    const controller = new AbortController();
    const follow = async () => {
      while (!controller.signal.aborted) {
        setEntries([]);
        let messageColumn = -1;
        let timeColumn = -1;
        try {
          await streamQuery(
            'SELECT * FROM KSQL_PROCESSING_LOG EMIT CHANGES;',
            { 'auto.offset.reset': 'earliest' },
            {
              onHeader: (header) => {
                messageColumn = header.columnNames.indexOf('MESSAGE');
                timeColumn = header.columnNames.indexOf('TIME');
                setStatus('live');
              },
              onRow: (values) => {
                const entry = toEntry(values[messageColumn], values[timeColumn]);
                setEntries((current) => [entry, ...current].slice(0, MAX_ENTRIES));
              },
            },
            controller.signal,
          );
        } catch (error) {
          if (controller.signal.aborted) return;
          setStatus(`disconnected: ${(error as Error).message}`);
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    };
    void follow();
    return () => controller.abort();
  }, []);

  return (
    <aside class="processing-log">
      <h2>
        Processing log <span class="detail">{status}</span>
      </h2>
      {entries.length === 0 && <p class="hint">No skipped records.</p>}
      <ul data-testid="processing-log">
        {entries.map((entry, index) => (
          <li key={`${entry.time}-${index}`}>
            <div class="detail">
              {new Date(entry.time).toLocaleTimeString()} · {entry.type} · {entry.queryId} · {entry.where}
            </div>
            <div>{entry.message}</div>
          </li>
        ))}
      </ul>
    </aside>
  );
}

/** MESSAGE is a struct: TYPE, QUERYID, TOPIC, PARTITION, OFFSET, ERRORMESSAGE. */
function toEntry(message: unknown, time: unknown): Entry {
  const fields = typeof message === 'object' && message !== null ? (message as Record<string, unknown>) : {};
  const text = (name: string) => (fields[name] === null || fields[name] === undefined ? '' : String(fields[name]));
  return {
    time: typeof time === 'number' ? time : Date.now(),
    type: text('TYPE'),
    queryId: text('QUERYID'),
    where: `${text('TOPIC')}[${text('PARTITION')}]@${text('OFFSET')}`,
    message: text('ERRORMESSAGE'),
  };
}
