// Checks a case's `post` conditions (sources in the metastore, created topics) against the driver.
import type { ConformanceDriver, SourceInfo } from './driver-api.js';
import type { QttKeyFormat, QttPost, QttPostSource, QttPostTopic } from './qtt-loader.js';

/** Returns the first post condition that does not hold, or undefined when all hold. */
export async function checkPostConditions(post: QttPost, driver: ConformanceDriver): Promise<string | undefined> {
  for (const expected of post.sources) {
    const problem = checkSource(expected, driver.source(expected.name));
    if (problem !== undefined) return problem;
  }
  if (post.blacklist === undefined && post.topics.length === 0) return undefined;
  const topicNames = await driver.topicNames();
  if (post.blacklist !== undefined) {
    const problem = checkBlacklist(post.blacklist, topicNames);
    if (problem !== undefined) return problem;
  }
  for (const expected of post.topics) {
    const problem = checkTopic(expected, topicNames, driver);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** Only the fields the file gives are checked. */
export function checkSource(expected: QttPostSource, actual: SourceInfo | undefined): string | undefined {
  if (actual === undefined) return `source ${expected.name} does not exist`;
  const differs = (what: string, wanted: unknown, got: unknown): string =>
    `source ${expected.name} ${what}: expected ${JSON.stringify(wanted)}, got ${JSON.stringify(got)}`;
  if (expected.type !== undefined && expected.type.toLowerCase() !== actual.type) return differs('type', expected.type, actual.type);
  if (expected.schema !== undefined && !schemasEqual(expected.schema, actual.schema)) return differs('schema', expected.schema, actual.schema);
  if (expected.keyFormat !== undefined && !keyFormatMatches(expected.keyFormat, actual.keyFormat)) {
    return differs('key format', expected.keyFormat, actual.keyFormat);
  }
  if (expected.valueFormat !== undefined && !sameName(expected.valueFormat, actual.valueFormat)) {
    return differs('value format', expected.valueFormat, actual.valueFormat);
  }
  if (expected.keyFeatures !== undefined && !sameFeatures(expected.keyFeatures, actual.keyFeatures)) {
    return differs('key features', expected.keyFeatures, actual.keyFeatures);
  }
  if (expected.valueFeatures !== undefined && !sameFeatures(expected.valueFeatures, actual.valueFeatures)) {
    return differs('value features', expected.valueFeatures, actual.valueFeatures);
  }
  if (expected.isSource !== undefined && expected.isSource !== actual.isSource) return differs('isSource', expected.isSource, actual.isSource);
  return undefined;
}

function keyFormatMatches(expected: QttKeyFormat, actual: SourceInfo['keyFormat']): boolean {
  if (expected.format !== undefined && !sameName(expected.format, actual.format)) return false;
  if (expected.windowType !== undefined && (expected.windowType ?? '').toUpperCase() !== (actual.windowType ?? '').toUpperCase()) return false;
  return expected.windowSize === undefined || (expected.windowSize ?? undefined) === actual.windowSize;
}

function sameName(expected: string, actual: string): boolean {
  return expected.trim().toUpperCase() === actual.trim().toUpperCase();
}

function sameFeatures(expected: readonly string[], actual: readonly string[]): boolean {
  const normalise = (features: readonly string[]): string => features.map((feature) => feature.toUpperCase()).sort().join(',');
  return normalise(expected) === normalise(actual);
}

/** The blacklist is a Java regex matched with `find()`: no topic may contain a match. */
function checkBlacklist(blacklist: string, topicNames: readonly string[]): string | undefined {
  let pattern: RegExp;
  try {
    pattern = new RegExp(blacklist);
  } catch (error) {
    return `topics.blacklist ${JSON.stringify(blacklist)} is not a valid regex: ${error instanceof Error ? error.message : String(error)}`;
  }
  const forbidden = topicNames.filter((name) => pattern.test(name));
  return forbidden.length === 0 ? undefined : `topics matching blacklist ${JSON.stringify(blacklist)} exist: ${forbidden.join(', ')}`;
}

/**
 * The topic must exist. The driver API reports formats per source, not per topic, so formats are
 * checked only when a source has the topic's name (the default for CSAS/CTAS sinks); partitions
 * are not visible through the driver API and are not checked.
 */
function checkTopic(expected: QttPostTopic, topicNames: readonly string[], driver: ConformanceDriver): string | undefined {
  if (!topicNames.includes(expected.name)) return `topic ${expected.name} does not exist (topics: ${topicNames.join(', ')})`;
  const source = driver.source(expected.name);
  if (source === undefined) return undefined;
  if (expected.keyFormat !== undefined && !sameName(expected.keyFormat, source.keyFormat.format)) {
    return `topic ${expected.name} key format: expected ${expected.keyFormat}, got ${source.keyFormat.format}`;
  }
  if (expected.valueFormat !== undefined && !sameName(expected.valueFormat, source.valueFormat)) {
    return `topic ${expected.name} value format: expected ${expected.valueFormat}, got ${source.valueFormat}`;
  }
  return undefined;
}

/** Type names ksqlDB's schema parser accepts as aliases of the names it prints. */
const typeAliases: Readonly<Record<string, string>> = { INT: 'INTEGER', VARCHAR: 'STRING' };

/**
 * Compares two logical-schema texts as ksqlDB's parser would read them: back-quotes optional,
 * whitespace ignored, unquoted names upper-cased, INT/VARCHAR as INTEGER/STRING.
 */
export function schemasEqual(expected: string, actual: string): boolean {
  const left = schemaTokens(expected);
  const right = schemaTokens(actual);
  return left.length === right.length && left.every((token, index) => token === right[index]);
}

function schemaTokens(schema: string): string[] {
  const tokens: string[] = [];
  // Words may start with a digit: ksqlDB column names such as `1R` are valid identifiers.
  const tokenPattern = /`((?:[^`]|``)*)`|([\w$]+)|(\S)/g;
  for (const match of schema.matchAll(tokenPattern)) {
    const [, quoted, word, symbol] = match;
    if (quoted !== undefined) tokens.push(quoted.replaceAll('``', '`'));
    else if (word !== undefined) tokens.push(typeAliases[word.toUpperCase()] ?? word.toUpperCase());
    else if (symbol !== undefined) tokens.push(symbol);
  }
  return tokens;
}
