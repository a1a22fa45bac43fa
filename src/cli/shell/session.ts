// One shell session: runs statements against the server, keeping SET properties and DEFINE
// variables on the client (sent with every request, as ksqlDB's CLI does), RUN SCRIPT, and
// queries — pull queries as one table, push queries streamed until they end or are interrupted.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import pc from 'picocolors';
import { parseStatement, splitStatements, substituteVariables, type Statement, type StatementPiece } from '../../parser/index.js';
import { KsqlClient, ServerError, type SessionSettings } from './ksql-client.js';
import { renderEntity } from './render-entities.js';
import { renderTable, StreamingTable } from './render-table.js';

/** Where the session writes: the terminal in the shell, anything in tests. */
export interface ShellOutput {
  print(text: string): void;
  error(text: string): void;
}

/** A statement the client handles itself; everything else goes to the server. */
type ClientStatement = Extract<Statement, { kind: 'SetProperty' | 'UnsetProperty' | 'DefineVariable' | 'UndefineVariable' | 'RunScript' }>;

export class Session {
  private readonly properties = new Map<string, string>();
  private readonly variables = new Map<string, string>();
  private runningQuery: AbortController | undefined;

  constructor(
    private readonly client: KsqlClient,
    private readonly output: ShellOutput,
  ) {}

  /** True while a query streams: Ctrl-C then stops the query rather than the shell. */
  get queryRunning(): boolean {
    return this.runningQuery !== undefined;
  }

  /** Stops the running query, closing it on the server. */
  interrupt(): void {
    this.runningQuery?.abort();
  }

  /** Runs every statement of a script in order, stopping at the first that fails; false if one did. */
  async runScript(sql: string): Promise<boolean> {
    for (const piece of splitStatements(sql)) {
      if (!(await this.runStatement(piece))) return false;
    }
    return true;
  }

  /** Runs one statement and prints its outcome; false when it failed. */
  async runStatement(piece: StatementPiece): Promise<boolean> {
    try {
      await this.dispatch(piece);
      return true;
    } catch (error) {
      if (!(error instanceof ServerError)) throw error;
      this.output.error(highlightError(error.message));
      return false;
    }
  }

  private async dispatch(piece: StatementPiece): Promise<void> {
    const statement = classify(piece.text, this.variables);
    // Leading blank lines and spaces keep the server's line:column pointing into the script as typed.
    const positioned = `${'\n'.repeat(piece.line - 1)}${' '.repeat(piece.column - 1)}${piece.text}`;
    if (statement !== undefined && isClientStatement(statement)) return this.runClientStatement(statement);
    if (statement?.kind === 'Select') return this.runQuery(positioned, statement.query.emit === undefined ? 'pull' : 'push');
    if (statement?.kind === 'Print') return this.runQuery(positioned, 'push');
    // A query that does not parse still goes to /query, which reports its syntax error.
    if (statement === undefined && /^\s*(SELECT|PRINT)\b/i.test(piece.text)) return this.runQuery(positioned, 'pull');
    for (const entity of await this.client.execute(positioned, this.settings())) this.output.print(renderEntity(entity));
  }

  private async runClientStatement(statement: ClientStatement): Promise<void> {
    switch (statement.kind) {
      case 'SetProperty':
        this.properties.set(statement.name, statement.value);
        this.output.print(`Successfully changed local property '${statement.name}' to '${statement.value}'. Use the UNSET command to revert your change.`);
        return;
      case 'UnsetProperty': {
        const previous = this.properties.get(statement.name);
        if (previous === undefined) throw new ServerError(`Property '${statement.name}' was not set in this session.`);
        this.properties.delete(statement.name);
        this.output.print(`Successfully unset local property '${statement.name}' (value was '${previous}').`);
        return;
      }
      case 'DefineVariable':
        this.variables.set(statement.name, statement.value);
        return;
      case 'UndefineVariable':
        if (!this.variables.delete(statement.name)) this.output.print(`Variable '${statement.name}' was not defined.`);
        return;
      case 'RunScript':
        return this.runScriptFile(statement.path);
    }
  }

  private async runScriptFile(path: string): Promise<void> {
    let sql: string;
    try {
      sql = await readFile(resolve(path), 'utf8');
    } catch (error) {
      throw new ServerError(`Could not read the script '${path}': ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!(await this.runScript(sql))) throw new ServerError(`RUN SCRIPT '${path}' stopped at the statement that failed.`);
  }

  private async runQuery(sql: string, mode: 'pull' | 'push'): Promise<void> {
    const controller = new AbortController();
    this.runningQuery = controller;
    const rows: (readonly unknown[])[] = [];
    let head: readonly string[] = [];
    let streaming: StreamingTable | undefined;
    try {
      await this.client.query(
        sql,
        this.settings(),
        {
          header: (header) => {
            head = header.columnNames;
            if (mode === 'pull') return;
            streaming = new StreamingTable(header.columnNames, header.columnTypes);
            this.output.print(streaming.header());
          },
          row: (values) => (streaming === undefined ? rows.push(values) : this.output.print(streaming.row(values))),
        },
        controller.signal,
      );
    } finally {
      this.runningQuery = undefined;
      if (streaming !== undefined) this.output.print(streaming.footer());
    }
    if (streaming === undefined) this.output.print(renderTable(head, rows));
    if (controller.signal.aborted) this.output.print('Query terminated');
    else if (mode === 'pull') this.output.print(`${rows.length} row${rows.length === 1 ? '' : 's'}`);
    else this.output.print('Limit Reached');
  }

  private settings(): SessionSettings {
    return { properties: Object.fromEntries(this.properties), variables: Object.fromEntries(this.variables) };
  }
}

/** The statement's kind as the client needs it; undefined when it does not parse, so the server reports the error in full. */
function classify(text: string, variables: ReadonlyMap<string, string>): Statement | undefined {
  try {
    return parseStatement(substituteVariables(text, variables)).statement;
  } catch {
    return undefined;
  }
}

function isClientStatement(statement: Statement): statement is ClientStatement {
  return ['SetProperty', 'UnsetProperty', 'DefineVariable', 'UndefineVariable', 'RunScript'].includes(statement.kind);
}

/** The server's messages end with the offending line and a caret line under the problem: the carets in colour. */
function highlightError(message: string): string {
  return message
    .split('\n')
    .map((line, index) => (index > 0 && /^\s*\^+\s*$/.test(line) ? pc.yellow(line) : index === 0 ? pc.red(line) : line))
    .join('\n');
}
