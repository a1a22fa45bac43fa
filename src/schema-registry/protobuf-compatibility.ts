// Protobuf schema evolution as Confluent's registry judges it: the differences between two .proto files that break a reader.
import protobuf from 'protobufjs';
import { parseableProtoText } from '../runtime/index.js';
import type { CheckLabels, Incompatibility } from './incompatibility.js';

/** A parsed .proto file; imports other than Google's well-known types stay unresolved and are compared by name. */
export interface ProtoFile {
  readonly packageName: string;
  readonly messages: readonly protobuf.Type[];
}

/** Parses .proto text; throws an Error saying why the text is not Protobuf. */
export function parseProtoFile(text: string): ProtoFile {
  const root = new protobuf.Root();
  const parsed = protobuf.parse(parseableProtoText(text), root, { keepCase: true });
  for (const file of parsed.imports ?? []) {
    const common = protobuf.common.get(file);
    if (common?.nested !== undefined) root.addJSON(common.nested);
  }
  const packageName = parsed.package ?? '';
  const namespace = packageName === '' ? root : root.lookup(packageName);
  const messages = namespace instanceof protobuf.Namespace ? typesIn(namespace) : [];
  if (messages.length === 0) throw new Error('it declares no message');
  return { packageName, messages };
}

/**
 * Everything that stops a reader of `update` from reading data written with `original`:
 * BACKWARD passes (old, new), FORWARD (new, old). Field changes are matched by field number.
 */
export function protobufIncompatibilities(original: ProtoFile, update: ProtoFile, labels: CheckLabels): Incompatibility[] {
  const context: Context = { labels, original, update, problems: [] };
  if (original.packageName !== update.packageName) {
    report(context, 'PACKAGE_CHANGED', '#/package', undefined, `The package of the ${labels.update} schema (${update.packageName || 'none'}) differs from the ${labels.original} schema's (${original.packageName || 'none'})`);
  }
  compareMessageLists(original.messages, update.messages, '', context);
  return context.problems;
}

interface Context {
  readonly labels: CheckLabels;
  readonly original: ProtoFile;
  readonly update: ProtoFile;
  readonly problems: Incompatibility[];
}

type FieldKind = 'scalar' | 'message' | 'enum' | 'map';

const SCALARS = new Set(['double', 'float', 'int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64', 'fixed32', 'fixed64', 'sfixed32', 'sfixed64', 'bool', 'string', 'bytes']);

/** Scalars that share a wire encoding read each other's values, so a change within a group is compatible (protobuf's language guide). */
const WIRE_GROUPS: Readonly<Record<string, string>> = {
  int32: 'varint',
  uint32: 'varint',
  int64: 'varint',
  uint64: 'varint',
  bool: 'varint',
  sint32: 'zigzag',
  sint64: 'zigzag',
  fixed32: 'fixed32',
  sfixed32: 'fixed32',
  fixed64: 'fixed64',
  sfixed64: 'fixed64',
  string: 'length-delimited',
  bytes: 'length-delimited',
  float: 'float',
  double: 'double',
};

function compareMessageLists(originals: readonly protobuf.Type[], updates: readonly protobuf.Type[], scope: string, context: Context): void {
  for (const original of originals) {
    const path = scope === '' ? original.name : `${scope}.${original.name}`;
    const update = updates.find((candidate) => candidate.name === original.name);
    if (update === undefined) {
      report(context, 'MESSAGE_REMOVED', `#/${path}`, path, `The message '${path}' of the ${context.labels.original} schema is missing in the ${context.labels.update} schema`);
      continue;
    }
    compareMessage(original, update, path, context);
  }
}

function compareMessage(original: protobuf.Type, update: protobuf.Type, path: string, context: Context): void {
  for (const originalField of original.fieldsArray) {
    const updateField = update.fieldsArray.find((candidate) => candidate.id === originalField.id);
    if (updateField === undefined) {
      if (isRequired(originalField)) reportField(context, 'REQUIRED_FIELD_REMOVED', path, originalField, `is required in the ${context.labels.original} schema and missing in the ${context.labels.update} schema`);
      continue;
    }
    compareField(originalField, updateField, path, context);
  }
  for (const updateField of update.fieldsArray) {
    const added = !original.fieldsArray.some((candidate) => candidate.id === updateField.id);
    if (added && isRequired(updateField)) reportField(context, 'REQUIRED_FIELD_ADDED', path, updateField, `is required in the ${context.labels.update} schema and missing in the ${context.labels.original} schema`);
  }
  compareOneofs(original, update, path, context);
  compareMessageLists(typesIn(original), typesIn(update), path, context);
}

function compareField(original: protobuf.Field, update: protobuf.Field, path: string, context: Context): void {
  if (isRequired(original) !== isRequired(update)) {
    const errorType = isRequired(update) ? 'REQUIRED_FIELD_ADDED' : 'REQUIRED_FIELD_REMOVED';
    reportField(context, errorType, path, update, `is ${isRequired(update) ? '' : 'not '}required in the ${context.labels.update} schema, and ${isRequired(original) ? '' : 'not '}in the ${context.labels.original} schema`);
  }
  const originalKind = kindOf(original);
  const updateKind = kindOf(update);
  if (originalKind !== updateKind) {
    reportField(context, 'FIELD_KIND_CHANGED', path, update, `is a ${updateKind} in the ${context.labels.update} schema and a ${originalKind} in the ${context.labels.original} schema`);
    return;
  }
  if (original instanceof protobuf.MapField && update instanceof protobuf.MapField) {
    compareScalars(original.keyType, update.keyType, path, update, 'key ', context);
    compareValueTypes(original, update, path, context);
    return;
  }
  if (original.repeated !== update.repeated && packable(original)) {
    // A repeated number is written packed (one length-delimited run), which a singular reader cannot read; strings, bytes and messages can change label.
    reportField(context, 'FIELD_NUMERIC_LABEL_CHANGED', path, update, `is ${update.repeated ? '' : 'not '}repeated in the ${context.labels.update} schema and ${original.repeated ? '' : 'not '}in the ${context.labels.original} schema`);
  }
  compareValueTypes(original, update, path, context);
}

/** The element type of two fields of one kind (the value type, for maps). */
function compareValueTypes(original: protobuf.Field, update: protobuf.Field, path: string, context: Context): void {
  const originalKind = elementKindOf(original);
  const updateKind = elementKindOf(update);
  if (originalKind !== updateKind) {
    reportField(context, 'FIELD_KIND_CHANGED', path, update, `has ${updateKind} values in the ${context.labels.update} schema and ${originalKind} values in the ${context.labels.original} schema`);
    return;
  }
  if (originalKind === 'scalar') {
    compareScalars(original.type, update.type, path, update, '', context);
    return;
  }
  const originalName = typeNameOf(original, context.original.packageName);
  const updateName = typeNameOf(update, context.update.packageName);
  if (originalName !== updateName) {
    reportField(context, 'FIELD_NAMED_TYPE_CHANGED', path, update, `is of type ${updateName} in the ${context.labels.update} schema and ${originalName} in the ${context.labels.original} schema`);
  }
}

function compareScalars(originalType: string, updateType: string, path: string, update: protobuf.Field, role: string, context: Context): void {
  if (WIRE_GROUPS[originalType] === WIRE_GROUPS[updateType]) return;
  reportField(context, 'FIELD_SCALAR_KIND_CHANGED', path, update, `has ${role}type ${updateType} in the ${context.labels.update} schema and ${originalType} in the ${context.labels.original} schema, which is not wire-compatible`);
}

/**
 * Removing a field from a oneof, moving a field into a oneof the original already had, or
 * moving several fields into a new one changes which of them a reader sees as set.
 */
function compareOneofs(original: protobuf.Type, update: protobuf.Type, path: string, context: Context): void {
  const originalOneofs = realOneofs(original);
  for (const updateOneof of realOneofs(update)) {
    const originalOneof = originalOneofs.find((candidate) => candidate.name === updateOneof.name);
    const moved = updateOneof.fieldsArray.filter((field) => {
      const before = original.fieldsArray.find((candidate) => candidate.id === field.id);
      return before !== undefined && (before.partOf === null || !originalOneofs.includes(before.partOf));
    });
    const oneofPath = `${path}.${updateOneof.name}`;
    if (originalOneof !== undefined && moved.length > 0) {
      report(context, 'FIELD_MOVED_TO_EXISTING_ONEOF', `#/${oneofPath}`, `${path}.${moved[0]!.name}`, `The field '${path}.${moved[0]!.name}' is moved into the oneof '${oneofPath}', which the ${context.labels.original} schema already has`);
    }
    if (originalOneof === undefined && moved.length > 1) {
      report(context, 'MULTIPLE_FIELDS_MOVED_TO_ONEOF', `#/${oneofPath}`, `${path}.${moved[0]!.name}`, `The fields ${moved.map((field) => `'${path}.${field.name}'`).join(', ')} are moved into the new oneof '${oneofPath}'`);
    }
  }
  for (const originalOneof of originalOneofs) {
    const updateOneof = realOneofs(update).find((candidate) => candidate.name === originalOneof.name);
    for (const field of originalOneof.fieldsArray) {
      if (updateOneof?.fieldsArray.some((candidate) => candidate.id === field.id) === true) continue;
      report(context, 'ONEOF_FIELD_REMOVED', `#/${path}/${field.id}`, `${path}.${field.name}`, `The field '${path}.${field.name}' (number ${field.id}) of the oneof '${path}.${originalOneof.name}' in the ${context.labels.original} schema is not in it in the ${context.labels.update} schema`);
    }
  }
}

/** Oneofs as written: proto3 `optional` makes a synthetic one per field, which is not a choice between fields. */
function realOneofs(message: protobuf.Type): protobuf.OneOf[] {
  return message.oneofsArray.filter((oneof) => !(oneof.fieldsArray.length === 1 && oneof.fieldsArray[0]!.options?.['proto3_optional'] === true));
}

/** protobufjs sets `required` only when features are resolved, which needs every import; the rule is as written. */
function isRequired(field: protobuf.Field): boolean {
  return field.toJSON().rule === 'required';
}

function kindOf(field: protobuf.Field): FieldKind {
  return field instanceof protobuf.MapField ? 'map' : elementKindOf(field);
}

/** Unresolved names (imports from other files) are messages, as nearly every imported type is. */
function elementKindOf(field: protobuf.Field): Exclude<FieldKind, 'map'> {
  if (SCALARS.has(field.type)) return 'scalar';
  return field.parent?.lookup(field.type) instanceof protobuf.Enum ? 'enum' : 'message';
}

function packable(field: protobuf.Field): boolean {
  const kind = elementKindOf(field);
  return kind === 'enum' || (kind === 'scalar' && field.type !== 'string' && field.type !== 'bytes');
}

/** The type's full name without the file's package, so that a package change is reported once, as PACKAGE_CHANGED. */
function typeNameOf(field: protobuf.Field, packageName: string): string {
  const found = field.parent?.lookup(field.type);
  const name = found === null || found === undefined ? field.type.replace(/^\./, '') : found.fullName.slice(1);
  return packageName !== '' && name.startsWith(`${packageName}.`) ? name.slice(packageName.length + 1) : name;
}

function typesIn(namespace: protobuf.NamespaceBase): protobuf.Type[] {
  return namespace.nestedArray.filter((node): node is protobuf.Type => node instanceof protobuf.Type);
}

function reportField(context: Context, errorType: string, path: string, field: protobuf.Field, problem: string): void {
  const name = `${path}.${field.name}`;
  report(context, errorType, `#/${path}/${field.id}`, name, `The field '${name}' (number ${field.id}) ${problem}`);
}

function report(context: Context, errorType: string, path: string, field: string | undefined, description: string): void {
  context.problems.push({ errorType, path, description, ...(field === undefined ? {} : { field }) });
}
