// JSON Schema evolution as Confluent's registry judges it: is every document the original schema accepts still accepted by the update?
import type { CheckLabels, Incompatibility } from './incompatibility.js';

type Schema = Readonly<Record<string, unknown>>;

/**
 * Everything that the `update` schema refuses although `original` accepts it: BACKWARD passes
 * (old, new), FORWARD (new, old). Both are parsed JSON; `true` and `{}` accept anything.
 */
export function jsonSchemaIncompatibilities(original: unknown, update: unknown, labels: CheckLabels): Incompatibility[] {
  const context: Context = { labels, originalRoot: original, updateRoot: update, problems: [], visiting: new Set() };
  compare(original, update, '#', undefined, context);
  return context.problems;
}

interface Context {
  readonly labels: CheckLabels;
  readonly originalRoot: unknown;
  readonly updateRoot: unknown;
  readonly problems: Incompatibility[];
  /** `$ref` pairs under comparison: a recursive schema is compatible with itself unless shown otherwise. */
  readonly visiting: Set<string>;
}

/** Keywords that bound a value from above or below: tightening one refuses documents the original accepted. */
const BOUNDS: readonly { readonly keyword: string; readonly errorPrefix: string; readonly upper: boolean }[] = [
  { keyword: 'maxLength', errorPrefix: 'MAX_LENGTH', upper: true },
  { keyword: 'minLength', errorPrefix: 'MIN_LENGTH', upper: false },
  { keyword: 'maximum', errorPrefix: 'MAXIMUM', upper: true },
  { keyword: 'minimum', errorPrefix: 'MINIMUM', upper: false },
  { keyword: 'exclusiveMaximum', errorPrefix: 'EXCLUSIVE_MAXIMUM', upper: true },
  { keyword: 'exclusiveMinimum', errorPrefix: 'EXCLUSIVE_MINIMUM', upper: false },
  { keyword: 'maxItems', errorPrefix: 'MAX_ITEMS', upper: true },
  { keyword: 'minItems', errorPrefix: 'MIN_ITEMS', upper: false },
  { keyword: 'maxProperties', errorPrefix: 'MAX_PROPERTIES', upper: true },
  { keyword: 'minProperties', errorPrefix: 'MIN_PROPERTIES', upper: false },
];

const JSON_TYPES = ['null', 'boolean', 'object', 'array', 'number', 'integer', 'string'] as const;

/** Keywords that constrain a document; a schema with none of them (annotations only) accepts anything. */
const CONSTRAINING = new Set(['type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'items', 'oneOf', 'anyOf', 'allOf', 'not', '$ref', 'pattern', ...BOUNDS.map((bound) => bound.keyword)]);

function compare(originalSchema: unknown, updateSchema: unknown, path: string, field: string | undefined, context: Context): void {
  const original = dereference(originalSchema, context.originalRoot);
  const update = dereference(updateSchema, context.updateRoot);
  const visit = `${refOf(originalSchema)}\u0000${refOf(updateSchema)}`;
  if (visit !== '\u0000') {
    if (context.visiting.has(visit)) return;
    context.visiting.add(visit);
  }
  if (acceptsAnything(update)) return;
  if (acceptsAnything(original)) {
    report(context, 'SCHEMA_ADDED', path, field, `${describe(field, path)} accepts anything in the ${context.labels.original} schema and is constrained in the ${context.labels.update} schema`);
    return;
  }
  if (update === false || original === false) {
    if (original !== false) report(context, 'TYPE_NARROWED', path, field, `${describe(field, path)} accepts nothing in the ${context.labels.update} schema`);
    return;
  }
  if (!isSchema(original) || !isSchema(update)) return;
  if (isCombined(original) || isCombined(update)) {
    compareCombined(original, update, path, field, context);
    return;
  }
  if (!compareTypes(original, update, path, field, context)) return;
  compareEnums(original, update, path, field, context);
  compareBounds(original, update, path, field, context);
  const types = typesOf(original) ?? JSON_TYPES;
  if (types.includes('object')) compareObjects(original, update, path, field, context);
  if (types.includes('array')) compareArrays(original, update, path, field, context);
}

/** Reports a type the update no longer accepts; true when the rest of the two schemas can be compared. */
function compareTypes(original: Schema, update: Schema, path: string, field: string | undefined, context: Context): boolean {
  const originalTypes = typesOf(original);
  const updateTypes = typesOf(update);
  if (updateTypes === undefined) return true;
  if (originalTypes === undefined) {
    report(context, 'TYPE_NARROWED', path, field, `${describe(field, path)} accepts any type in the ${context.labels.original} schema and only ${updateTypes.join(', ')} in the ${context.labels.update} schema`);
    return false;
  }
  const lost = originalTypes.filter((type) => !accepts(updateTypes, type));
  if (lost.length === 0) return true;
  const narrowed = updateTypes.every((type) => accepts(originalTypes, type));
  report(
    context,
    narrowed ? 'TYPE_NARROWED' : 'TYPE_CHANGED',
    `${path}/type`,
    field,
    `${describe(field, path)} is ${updateTypes.join(' or ')} in the ${context.labels.update} schema and ${originalTypes.join(' or ')} in the ${context.labels.original} schema`,
  );
  return false;
}

function compareEnums(original: Schema, update: Schema, path: string, field: string | undefined, context: Context): void {
  if (!Array.isArray(update['enum'])) return;
  const updateValues = update['enum'].map((value) => JSON.stringify(value));
  if (!Array.isArray(original['enum'])) {
    report(context, 'ENUM_ARRAY_NARROWED', `${path}/enum`, field, `${describe(field, path)} is limited to ${updateValues.join(', ')} in the ${context.labels.update} schema only`);
    return;
  }
  const originalValues = original['enum'].map((value) => JSON.stringify(value));
  const removed = originalValues.filter((value) => !updateValues.includes(value));
  if (removed.length === 0) return;
  const extended = updateValues.some((value) => !originalValues.includes(value));
  report(context, extended ? 'ENUM_ARRAY_CHANGED' : 'ENUM_ARRAY_NARROWED', `${path}/enum`, field, `${describe(field, path)} does not allow ${removed.join(', ')} in the ${context.labels.update} schema`);
}

function compareBounds(original: Schema, update: Schema, path: string, field: string | undefined, context: Context): void {
  for (const { keyword, errorPrefix, upper } of BOUNDS) {
    const before = original[keyword];
    const after = update[keyword];
    if (typeof after !== 'number') continue;
    if (typeof before !== 'number') {
      report(context, `${errorPrefix}_ADDED`, `${path}/${keyword}`, field, `${describe(field, path)} has ${keyword} ${after} in the ${context.labels.update} schema only`);
      continue;
    }
    if (upper ? after < before : after > before) {
      report(context, `${errorPrefix}_${upper ? 'DECREASED' : 'INCREASED'}`, `${path}/${keyword}`, field, `${describe(field, path)} has ${keyword} ${after} in the ${context.labels.update} schema and ${before} in the ${context.labels.original} schema`);
    }
  }
  if (typeof update['pattern'] === 'string' && update['pattern'] !== original['pattern']) {
    const errorType = typeof original['pattern'] === 'string' ? 'PATTERN_CHANGED' : 'PATTERN_ADDED';
    report(context, errorType, `${path}/pattern`, field, `${describe(field, path)} must match ${update['pattern']} in the ${context.labels.update} schema`);
  }
}

/**
 * Objects by Confluent's content models: open (additional properties allowed, the default),
 * closed (`additionalProperties: false`) or partially open (additional properties must match a schema).
 */
function compareObjects(original: Schema, update: Schema, path: string, field: string | undefined, context: Context): void {
  const originalProperties = propertiesOf(original);
  const updateProperties = propertiesOf(update);
  const originalRequired = requiredOf(original);
  const updateRequired = requiredOf(update);
  for (const [name, originalProperty] of Object.entries(originalProperties)) {
    const propertyPath = `${path}/properties/${name}`;
    const propertyField = field === undefined ? name : `${field}.${name}`;
    if (name in updateProperties) {
      compare(originalProperty, updateProperties[name], propertyPath, propertyField, context);
      continue;
    }
    const model = update['additionalProperties'];
    if (model === false) {
      report(context, 'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL', propertyPath, propertyField, `The property '${propertyField}' is missing in the ${context.labels.update} schema, whose content model is closed`);
    } else if (isPartiallyOpen(model) && !compatible(originalProperty, model, context)) {
      report(context, 'PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', propertyPath, propertyField, `The property '${propertyField}' is missing in the ${context.labels.update} schema, whose additionalProperties do not accept its values`);
    }
  }
  for (const [name, updateProperty] of Object.entries(updateProperties)) {
    if (name in originalProperties) continue;
    const propertyPath = `${path}/properties/${name}`;
    const propertyField = field === undefined ? name : `${field}.${name}`;
    const model = original['additionalProperties'];
    if (isPartiallyOpen(model)) {
      if (!compatible(model, updateProperty, context)) {
        report(context, 'PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', propertyPath, propertyField, `The property '${propertyField}' of the ${context.labels.update} schema does not accept every value the ${context.labels.original} schema's additionalProperties allow`);
      }
    } else if (model !== false) {
      if (!acceptsAnything(dereference(updateProperty, context.updateRoot))) {
        report(context, 'PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', propertyPath, propertyField, `The property '${propertyField}' is added to the ${context.labels.update} schema, but the ${context.labels.original} schema's content model is open, so it may hold anything there`);
      }
    } else if (updateRequired.includes(name) && !hasDefault(updateProperty)) {
      report(context, 'REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL', propertyPath, propertyField, `The required property '${propertyField}' without a default is added to the ${context.labels.update} schema`);
    }
  }
  for (const name of updateRequired) {
    if (originalRequired.includes(name) || (name in updateProperties && !(name in originalProperties)) || hasDefault(updateProperties[name])) continue;
    const propertyField = field === undefined ? name : `${field}.${name}`;
    report(context, 'REQUIRED_ATTRIBUTE_ADDED', `${path}/required`, propertyField, `The property '${propertyField}' is required in the ${context.labels.update} schema and not in the ${context.labels.original} schema`);
  }
  compareAdditionalProperties(original, update, path, field, context);
}

/** `additionalProperties` alone: a map's value schema, or the open/closed switch. */
function compareAdditionalProperties(original: Schema, update: Schema, path: string, field: string | undefined, context: Context): void {
  const before = original['additionalProperties'];
  const after = update['additionalProperties'];
  const keyPath = `${path}/additionalProperties`;
  if (after === undefined || after === true || before === false) return;
  if (after === false) {
    report(context, 'ADDITIONAL_PROPERTIES_REMOVED', keyPath, field, `${describe(field, path)} allows no additional properties in the ${context.labels.update} schema`);
    return;
  }
  if (before === undefined || before === true) {
    if (!acceptsAnything(after)) report(context, 'ADDITIONAL_PROPERTIES_NARROWED', keyPath, field, `${describe(field, path)} constrains its additional properties in the ${context.labels.update} schema only`);
    return;
  }
  compare(before, after, keyPath, field === undefined ? '*' : `${field}.*`, context);
}

function compareArrays(original: Schema, update: Schema, path: string, field: string | undefined, context: Context): void {
  const before = original['items'];
  const after = update['items'];
  const itemField = field === undefined ? '[]' : `${field}[]`;
  if (Array.isArray(before) && Array.isArray(after)) {
    after.forEach((item, index) => compare(before[index] ?? original['additionalItems'] ?? true, item, `${path}/items/${index}`, itemField, context));
  } else if (after !== undefined && !Array.isArray(after)) {
    compare(Array.isArray(before) ? true : (before ?? true), after, `${path}/items`, itemField, context);
  }
  if (update['uniqueItems'] === true && original['uniqueItems'] !== true) {
    report(context, 'UNIQUE_ITEMS_ADDED', `${path}/uniqueItems`, field, `${describe(field, path)} must hold unique items in the ${context.labels.update} schema only`);
  }
}

/**
 * oneOf/anyOf (a sum: one of the branches) and allOf (a product: all of them). A plain schema is a
 * sum of itself, so `T` → `oneOf [null, T]` extends and the reverse narrows. Each original branch
 * needs an update branch that accepts it; one of the same type is compared in depth, to name the field.
 */
function compareCombined(original: Schema, update: Schema, path: string, field: string | undefined, context: Context): void {
  const originalCombination = combinationOf(original);
  const updateCombination = combinationOf(update);
  if ((originalCombination === 'allOf') !== (updateCombination === 'allOf')) {
    report(context, 'COMBINED_TYPE_CHANGED', path, field, `${describe(field, path)} combines its subschemas with ${updateCombination ?? 'none'} in the ${context.labels.update} schema and ${originalCombination ?? 'none'} in the ${context.labels.original} schema`);
    return;
  }
  const originalBranches = branchesOf(original);
  const updateBranches = branchesOf(update);
  if (originalCombination === 'allOf') {
    if (updateBranches.length > originalBranches.length) report(context, 'PRODUCT_TYPE_EXTENDED', path, field, `${describe(field, path)} must match more subschemas in the ${context.labels.update} schema`);
    updateBranches.slice(0, originalBranches.length).forEach((branch, index) => compare(originalBranches[index], branch, `${path}/allOf/${index}`, field, context));
    return;
  }
  const keyword = updateCombination ?? originalCombination!;
  for (const [index, originalBranch] of originalBranches.entries()) {
    if (updateBranches.some((updateBranch) => compatible(originalBranch, updateBranch, context))) continue;
    const types = JSON.stringify(typesOf(dereference(originalBranch, context.originalRoot)));
    const sameType = updateBranches.findIndex((updateBranch) => JSON.stringify(typesOf(dereference(updateBranch, context.updateRoot))) === types);
    if (sameType !== -1) {
      compare(originalBranch, updateBranches[sameType], `${path}/${keyword}/${sameType}`, field, context);
      continue;
    }
    const narrowed = updateBranches.length < originalBranches.length;
    report(
      context,
      narrowed ? 'SUM_TYPE_NARROWED' : 'COMBINED_TYPE_SUBSCHEMAS_CHANGED',
      `${path}/${keyword}`,
      field,
      `${describe(field, path)} accepts no ${describeBranch(originalBranch, context.originalRoot)} in the ${context.labels.update} schema (subschema ${index} of the ${context.labels.original} schema)`,
    );
  }
}

function compatible(original: unknown, update: unknown, context: Context): boolean {
  const probe: Context = { ...context, problems: [], visiting: new Set(context.visiting) };
  compare(original, update, '#', undefined, probe);
  return probe.problems.length === 0;
}

function combinationOf(schema: Schema): 'oneOf' | 'anyOf' | 'allOf' | undefined {
  return (['oneOf', 'anyOf', 'allOf'] as const).find((keyword) => Array.isArray(schema[keyword]));
}

function isCombined(schema: Schema): boolean {
  return combinationOf(schema) !== undefined;
}

function branchesOf(schema: Schema): readonly unknown[] {
  const keyword = combinationOf(schema);
  return keyword === undefined ? [schema] : (schema[keyword] as unknown[]);
}

/** The JSON types a schema accepts, read from `type` or implied by its keywords; undefined for any type. */
function typesOf(schema: unknown): readonly string[] | undefined {
  if (!isSchema(schema)) return undefined;
  const type = schema['type'];
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((entry): entry is string => typeof entry === 'string');
  if ('properties' in schema || 'required' in schema || 'additionalProperties' in schema) return ['object'];
  if ('items' in schema) return ['array'];
  return undefined;
}

/** A number schema accepts integers too. */
function accepts(types: readonly string[], type: string): boolean {
  return types.includes(type) || (type === 'integer' && types.includes('number'));
}

function acceptsAnything(schema: unknown): boolean {
  return schema === true || (isSchema(schema) && !Object.keys(schema).some((keyword) => CONSTRAINING.has(keyword)));
}

function isPartiallyOpen(model: unknown): model is Schema {
  return isSchema(model) && !acceptsAnything(model);
}

function propertiesOf(schema: Schema): Readonly<Record<string, unknown>> {
  return isSchema(schema['properties']) ? schema['properties'] : {};
}

function requiredOf(schema: Schema): readonly string[] {
  const required = schema['required'];
  return Array.isArray(required) ? required.filter((name): name is string => typeof name === 'string') : [];
}

function hasDefault(schema: unknown): boolean {
  return isSchema(schema) && 'default' in schema;
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refOf(schema: unknown): string {
  return isSchema(schema) && typeof schema['$ref'] === 'string' ? schema['$ref'] : '';
}

/** A local `$ref` (`#/definitions/Address`, `#/$defs/...`) followed to its schema; any other schema as it is. */
function dereference(schema: unknown, root: unknown): unknown {
  let current = schema;
  for (let hops = 0; hops < 32; hops++) {
    const ref = refOf(current);
    if (!ref.startsWith('#')) return current;
    current = ref
      .slice(1)
      .split('/')
      .filter((part) => part !== '')
      .map((part) => decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, part) => (isSchema(node) ? node[part] : undefined), root);
  }
  return current;
}

function describeBranch(branch: unknown, root: unknown): string {
  const types = typesOf(dereference(branch, root));
  return types === undefined ? 'value of that subschema' : types.join(' or ');
}

function describe(field: string | undefined, path: string): string {
  return field === undefined ? `The schema at path '${path}'` : `The field '${field}' (path '${path}')`;
}

function report(context: Context, errorType: string, path: string, field: string | undefined, description: string): void {
  context.problems.push({ errorType, path, description, ...(field === undefined ? {} : { field }) });
}
