// The Squall console: the catalog, the SQL editor and its results, and the processing log.
import { render } from 'preact';
import { useState } from 'preact/hooks';
import 'uplot/dist/uPlot.min.css';
import './style.css';
import { Catalog } from './catalog.js';
import { ProcessingLog } from './processing-log.js';
import { Workspace } from './workspace.js';

function App() {
  const [refreshKey, setRefreshKey] = useState(0);
  const [suggestion, setSuggestion] = useState<{ readonly sql: string } | undefined>(undefined);
  return (
    <div class="app">
      <header>
        <h1>Squall</h1>
        <a href="/metrics">metrics</a>
      </header>
      <Catalog refreshKey={refreshKey} onPick={(sql) => setSuggestion({ sql })} />
      <Workspace suggestion={suggestion} onStatementsRun={() => setRefreshKey((key) => key + 1)} />
      <ProcessingLog />
    </div>
  );
}

render(<App />, document.getElementById('app')!);
