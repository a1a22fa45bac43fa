// Matching SQL columns to the fields of a schema-registry record or message by name.

/** For each column, the record field holding it: the same name, else the one equal ignoring case. */
export function resolveFieldNames(columns: readonly { readonly name: string }[], fieldNames: readonly string[]): (string | undefined)[] {
  return columns.map(
    (column) => fieldNames.find((name) => name === column.name) ?? fieldNames.find((name) => name.toUpperCase() === column.name.toUpperCase()),
  );
}
