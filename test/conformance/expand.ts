// Expands each enabled QTT case into its runnable variants: one per `format` × `config` value.
import type { QttCase, QttFile } from './qtt-loader.js';

/** One runnable variant of a case, named exactly as ksqlDB's runner names it. */
export interface CaseVariant {
  /** `<file basename> - <name>[ - <FORMAT>][ - <prop>=<value>]` */
  readonly fullName: string;
  readonly fileBaseName: string;
  readonly testCase: QttCase;
  /** The statements with `{FORMAT}` replaced. */
  readonly statements: readonly string[];
  /** The case's properties with `{CONFIG}` replaced. */
  readonly properties: Readonly<Record<string, string>>;
  /** Why the variant cannot run here; the runner reports it as skipped. */
  readonly skipReason?: string;
  /** Why the case breaks the QTT format; the runner reports it as failed. */
  readonly invalidReason?: string;
}

const configPlaceholder = '{CONFIG}';
const formatPlaceholder = '{FORMAT}';
export function expandFile(file: QttFile): CaseVariant[] {
  return file.cases.filter((testCase) => testCase.enabled).flatMap((testCase) => expandCase(file.baseName, testCase));
}

export function expandCase(fileBaseName: string, testCase: QttCase): CaseVariant[] {
  const baseName = `${fileBaseName} - ${testCase.name}`;
  if (testCase.invalidReason !== undefined) return [invalidVariant(fileBaseName, baseName, testCase, testCase.invalidReason)];
  const configProperty = findConfigProperty(testCase);
  if (typeof configProperty === 'object') return [invalidVariant(fileBaseName, baseName, testCase, configProperty.invalidReason)];
  const formats = testCase.formats.length === 0 ? [undefined] : testCase.formats;
  const configs = configProperty === undefined ? [undefined] : testCase.configs.map((value) => ({ name: configProperty, value }));
  return formats.flatMap((format) => configs.map((config) => buildVariant(fileBaseName, baseName, testCase, format, config)));
}

/**
 * The property whose value is `{CONFIG}` when the case lists `config` values, or an invalid
 * reason when the case does not have exactly one such property.
 */
function findConfigProperty(testCase: QttCase): string | undefined | { invalidReason: string } {
  if (testCase.configs.length === 0) return undefined;
  const names = Object.entries(testCase.properties)
    .filter(([, value]) => value === configPlaceholder)
    .map(([name]) => name);
  if (names.length !== 1) {
    return { invalidReason: `"config" needs exactly one property set to "${configPlaceholder}", found ${names.length}` };
  }
  return names[0];
}

function buildVariant(
  fileBaseName: string,
  baseName: string,
  testCase: QttCase,
  format: string | undefined,
  config: { readonly name: string; readonly value: string } | undefined,
): CaseVariant {
  const formatSuffix = format === undefined ? '' : ` - ${format}`;
  const configSuffix = config === undefined ? '' : ` - ${config.name}=${config.value}`;
  const statements = format === undefined ? testCase.statements : testCase.statements.map((statement) => statement.replaceAll(formatPlaceholder, format));
  const properties = config === undefined ? testCase.properties : { ...testCase.properties, [config.name]: config.value };
  return { fullName: `${baseName}${formatSuffix}${configSuffix}`, fileBaseName, testCase, statements, properties };
}

function invalidVariant(fileBaseName: string, fullName: string, testCase: QttCase, invalidReason: string): CaseVariant {
  return { fullName, fileBaseName, testCase, statements: testCase.statements, properties: testCase.properties, invalidReason };
}
