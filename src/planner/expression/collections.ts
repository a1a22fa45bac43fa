// ARRAY[...], MAP(k := v), STRUCT(f := v) constructors, subscripts `a[i]` / `m[k]`, and dereference `s->f`.
import type {
  ArrayConstructor,
  Dereference,
  Expression,
  MapConstructor,
  StructAll,
  StructConstructor,
  Subscript,
} from '../../parser/ast.js';
import type { Span } from '../../parser/ast.js';
import { PlanError } from '../plan-error.js';
import { commonTypeOf } from '../type-rules.js';
import { formatType, SqlTypes, type SqlType, type Struct } from '../types.js';
import { nullOnEvaluationError } from './evaluation-error.js';
import { formatExpression } from './format-expression.js';
import { castTo, coerceConstant, neverEqual } from './operand-coercion.js';
import type { Compiled, CompileState, Evaluator } from './scope.js';

// As in ksqlDB, each constructor element is evaluated on its own: one that fails (a bad date, a
// division by zero) becomes NULL while its siblings keep their values, so that
// `ARRAY[44, STRINGTODATE('foo', 'yyyyMMdd')]` is `[44, NULL]` rather than a NULL array.

/** Elements brought to one type; `type` is null when every element is the NULL literal. */
interface UnifiedElements {
  readonly type: SqlType | null;
  readonly evaluators: readonly Evaluator[];
  readonly constant: boolean;
}

/**
 * The common type of constructor elements. As in ksqlDB, constants follow the typed elements:
 * in `MAP(k1 := v1, k2 := 'true')` with a BOOLEAN v1, `'true'` is the boolean true.
 */
function unifyElements(nodes: readonly Expression[], state: CompileState, what: string, span: Span): UnifiedElements {
  const compiled = nodes.map((node) => state.compile(node, state));
  const typed = compiled.filter((element) => !element.constant).map((element) => element.type);
  const anchor = commonTypeOf(typed.length > 0 ? typed : compiled.map((element) => element.type));
  const coerced = compiled.map((element, index) => {
    const result = anchor === undefined ? element : coerceConstant(element, anchor, nodes[index]!.span);
    if (result === neverEqual) throw mismatch(what, compiled, span);
    return result;
  });
  const type = commonTypeOf(coerced.map((element) => element.type));
  if (type === undefined) throw mismatch(what, coerced, span);
  return {
    type,
    evaluators: coerced.map((element) => nullOnEvaluationError(castTo(element, type))),
    constant: coerced.every((element) => element.constant),
  };
}

function mismatch(what: string, elements: readonly Compiled[], span: Span): PlanError {
  const types = elements.map((element) => describeType(element.type));
  return new PlanError(`Cannot construct ${what} with mismatching types: ${types.join(', ')}`, span);
}

export function compileArrayConstructor(node: ArrayConstructor, state: CompileState): Compiled {
  if (node.elements.length === 0) throw new PlanError('Array constructor cannot be empty', node.span);
  const elements = unifyElements(node.elements, state, 'an array', node.span);
  if (elements.type === null) throw new PlanError('Cannot construct an array with all NULL elements', node.span);
  const evaluators = elements.evaluators;
  return {
    type: SqlTypes.array(elements.type),
    constant: elements.constant,
    evaluate: (row) => evaluators.map((evaluate) => evaluate(row)),
  };
}

export function compileMapConstructor(node: MapConstructor, state: CompileState): Compiled {
  if (node.entries.length === 0) {
    throw new PlanError(
      'Map constructor cannot be empty. Please supply at least one key value pair (see https://github.com/confluentinc/ksql/issues/4239).',
      node.span,
    );
  }
  const keys = unifyElements(node.entries.map((entry) => entry.key), state, 'a map', node.span);
  const values = unifyElements(node.entries.map((entry) => entry.value), state, 'a map', node.span);
  if (keys.type === null) throw new PlanError('Cannot construct a map with all NULL keys', node.span);
  if (values.type === null) throw new PlanError('Cannot construct a map with all NULL values', node.span);
  const keyEvaluators = keys.evaluators;
  const valueEvaluators = values.evaluators;
  return {
    type: SqlTypes.map(keys.type, values.type),
    constant: keys.constant && values.constant,
    evaluate: (row) => {
      const map = new Map<unknown, unknown>();
      for (let entry = 0; entry < keyEvaluators.length; entry++) {
        map.set(keyEvaluators[entry]!(row), valueEvaluators[entry]!(row));
      }
      return map;
    },
  };
}

export function compileStructConstructor(node: StructConstructor, state: CompileState): Compiled {
  const names = node.fields.map((field) => field.name);
  if (new Set(names).size !== names.length) throw new PlanError('Duplicate field names found in STRUCT', node.span);
  const fields = node.fields.map((field) => {
    const value = state.compile(field.value, state);
    if (value.type === null) {
      throw new PlanError(`Cannot infer the type of STRUCT field ${field.name} from NULL: use CAST(NULL AS <type>)`, field.value.span);
    }
    return { name: field.name, type: value.type, evaluate: nullOnEvaluationError(value.evaluate), constant: value.constant };
  });
  return {
    type: SqlTypes.struct(fields.map((field) => ({ name: field.name, type: field.type }))),
    constant: fields.every((field) => field.constant),
    evaluate: (row) => {
      const struct: Struct = {};
      for (const field of fields) struct[field.name] = field.evaluate(row);
      return struct;
    },
  };
}

/** `array[i]`: 1-based, negative counts from the end, out of range is null. `map[key]`: null when absent. */
export function compileSubscript(node: Subscript, state: CompileState): Compiled {
  const base = state.compile(node.base, state);
  const index = state.compile(node.index, state);
  if (base.type?.kind === 'ARRAY') return compileArrayAccess(base, index, base.type.element, node);
  if (base.type?.kind === 'MAP') return compileMapAccess(base, index, base.type.key, base.type.value, node);
  throw new PlanError(`Subscript needs an ARRAY or MAP, got ${describeType(base.type)}: ${formatExpression(node)}`, node.span);
}

function compileArrayAccess(base: Compiled, index: Compiled, element: SqlType, node: Subscript): Compiled {
  if (index.type !== null && index.type.kind !== 'INTEGER' && index.type.kind !== 'BIGINT') {
    throw new PlanError(`Array index must be INTEGER or BIGINT, got ${formatType(index.type)}: ${formatExpression(node)}`, node.index.span);
  }
  const evaluateBase = base.evaluate;
  const evaluateIndex = index.evaluate;
  return {
    type: element,
    constant: false,
    evaluate: (row) => {
      const array = evaluateBase(row) as readonly unknown[] | null;
      const position = evaluateIndex(row);
      if (array === null || position === null) return null;
      const oneBased = Number(position);
      const offset = oneBased >= 0 ? oneBased - 1 : array.length + oneBased;
      return offset >= 0 && offset < array.length ? (array[offset] ?? null) : null;
    },
  };
}

function compileMapAccess(base: Compiled, key: Compiled, keyType: SqlType, valueType: SqlType, node: Subscript): Compiled {
  if (key.type !== null && commonTypeOf([key.type, keyType]) === undefined) {
    throw new PlanError(`Map key must be ${formatType(keyType)}, got ${formatType(key.type)}: ${formatExpression(node)}`, node.index.span);
  }
  const evaluateBase = base.evaluate;
  const evaluateKey = key.type === null ? key.evaluate : castTo(key, keyType);
  return {
    type: valueType,
    constant: false,
    evaluate: (row) => {
      const map = evaluateBase(row) as ReadonlyMap<unknown, unknown> | null;
      if (map === null) return null;
      return map.get(evaluateKey(row)) ?? null;
    },
  };
}

/** `struct->field`; a null struct gives null. */
export function compileDereference(node: Dereference, state: CompileState): Compiled {
  const base = state.compile(node.base, state);
  if (base.type?.kind !== 'STRUCT') {
    throw new PlanError(`-> needs a STRUCT, got ${describeType(base.type)}: ${formatExpression(node)}`, node.span);
  }
  const field = base.type.fields.find((candidate) => candidate.name === node.field);
  if (field === undefined) {
    throw new PlanError(`Could not find field '${node.field}' in '${formatExpression(node.base)}'.`, node.span);
  }
  const evaluateBase = base.evaluate;
  const name = field.name;
  return {
    type: field.type,
    constant: false,
    evaluate: (row) => {
      const struct = evaluateBase(row) as Struct | null;
      return struct === null ? null : (struct[name] ?? null);
    },
  };
}

/** `s->*` expands to columns; only the select-list planner can do that. */
export function compileStructAll(node: StructAll): Compiled {
  throw new PlanError(`${formatExpression(node)} is only allowed in a SELECT list`, node.span);
}

function describeType(type: SqlType | null): string {
  return type === null ? 'NULL' : formatType(type);
}
