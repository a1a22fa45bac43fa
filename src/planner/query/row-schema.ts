// The layout of rows between operators: which value sits at which array index, and how SQL
// names (qualified or not) resolve to those indices.
import type { Span } from '../../parser/index.js';
import type { ColumnBinding, ColumnScope } from '../expression/index.js';
import type { Column, ColumnNamespace, DataSource } from '../metastore.js';
import type { RowFunction } from '../physical-plan.js';
import { PlanError } from '../plan-error.js';
import { SqlTypes, type SqlType } from '../types.js';

export type RowColumnRole = ColumnNamespace | 'PSEUDO';

export interface RowColumn {
  readonly name: string;
  readonly type: SqlType;
  readonly role: RowColumnRole;
  /** The alias or source name that qualifies it (`t.col`); undefined for derived columns. */
  readonly qualifier: string | undefined;
  readonly headerKey?: string;
  /** In a join's row: a key column of its source, carried as a value (`*` lists a source's key columns first). */
  readonly sourceKey?: true;
}

/** Pseudo-columns appended after a source's own columns, in this order. */
const PSEUDO_COLUMNS: readonly { readonly name: string; readonly type: SqlType }[] = [
  { name: 'ROWTIME', type: SqlTypes.BIGINT },
  { name: 'ROWPARTITION', type: SqlTypes.INTEGER },
  { name: 'ROWOFFSET', type: SqlTypes.BIGINT },
];

export const WINDOW_BOUND_COLUMNS: readonly { readonly name: string; readonly type: SqlType }[] = [
  { name: 'WINDOWSTART', type: SqlTypes.BIGINT },
  { name: 'WINDOWEND', type: SqlTypes.BIGINT },
];

/** ROWTIME, ROWPARTITION and ROWOFFSET under a qualifier (undefined: a join's own). */
export function pseudoColumns(qualifier: string | undefined): RowColumn[] {
  return PSEUDO_COLUMNS.map((column): RowColumn => ({ ...column, role: 'PSEUDO', qualifier }));
}

/** The value at one row index, carried through an operator unchanged. */
export function readColumn(index: number): RowFunction {
  return (row) => row[index];
}

export class RowSchema implements ColumnScope {
  readonly columns: readonly RowColumn[];

  constructor(columns: readonly RowColumn[]) {
    this.columns = columns;
  }

  /**
   * The row a source produces: key, value and header columns, then ROWTIME, ROWPARTITION,
   * ROWOFFSET, then WINDOWSTART and WINDOWEND for windowed sources.
   */
  static ofSource(source: DataSource, qualifier: string): RowSchema {
    const own = source.columns.map((column: Column): RowColumn => ({
      name: column.name,
      type: column.type,
      role: column.namespace,
      qualifier,
      ...(column.headerKey === undefined ? {} : { headerKey: column.headerKey }),
    }));
    const pseudo = [...PSEUDO_COLUMNS, ...(source.window === undefined ? [] : WINDOW_BOUND_COLUMNS)].map(
      (column): RowColumn => ({ ...column, role: 'PSEUDO', qualifier }),
    );
    return new RowSchema([...own, ...pseudo]);
  }

  indexOf(name: string, qualifier?: string): number {
    return this.columns.findIndex(
      (column) => column.name === name && (qualifier === undefined || column.qualifier === qualifier),
    );
  }

  /**
   * An unqualified name never sees hidden columns (qualifier ''), and prefers the row's own
   * unqualified column where qualified ones share its name (a join's ROWTIME beside `L.ROWTIME`).
   */
  resolve(source: string | undefined, name: string, span: Span): ColumnBinding | undefined {
    let matches: number[] = [];
    this.columns.forEach((column, index) => {
      if (column.name === name && (source === undefined ? column.qualifier !== '' : column.qualifier === source)) matches.push(index);
    });
    if (matches.length === 0) return undefined;
    if (matches.length > 1 && source === undefined) {
      const own = matches.filter((index) => this.columns[index]!.qualifier === undefined);
      if (own.length === 1) matches = own;
    }
    if (matches.length > 1 && source === undefined) {
      const options = matches.map((index) => `${this.columns[index]!.qualifier}.${name}`).join(' or ');
      throw new PlanError(`Column '${name}' is ambiguous. Could be ${options}.`, span);
    }
    const index = matches[0]!;
    return { index, type: this.columns[index]!.type };
  }

  names(): readonly string[] {
    return this.columns.map((column) => column.name);
  }

  get width(): number {
    return this.columns.length;
  }
}
