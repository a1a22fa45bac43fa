// `npm run conformance`: runs QTT files against Squall, prints per-file and total counts, writes a JSON report.
import { resolve } from 'node:path';
import { addPassingNames, readDeviations } from './case-lists.js';
import { CliUsageError, parseCliArguments } from './cli-arguments.js';
import { createDriver } from './driver.js';
import { buildReport, failureLines, fileSummaryLine, passedNames, totalLine, writeReport } from './report.js';
import { defaultCaseTimeoutMs } from './run-case.js';
import { defaultCorpusDirectory, loadCorpus, runCorpus, selectVariants } from './run-corpus.js';

/** The embedded Kafka delivers asynchronously: the driver waits for a second of quiet after every statement and input. */
const embeddedCaseTimeoutMs = 6 * defaultCaseTimeoutMs;

async function main(argv: readonly string[]): Promise<void> {
  const options = parseCliArguments(argv, { directory: defaultCorpusDirectory, reportPath: 'conformance-report.json' });
  const directory = resolve(options.directory);
  const files = selectVariants(await loadCorpus(directory), {
    filter: options.filter,
    sample: options.sample,
    deviations: await readDeviations(),
  });
  const results = await runCorpus(files, { createDriver, backend: options.backend, timeoutMs: options.backend === 'embedded' ? embeddedCaseTimeoutMs : defaultCaseTimeoutMs }, (file) => {
    console.log(fileSummaryLine(file));
    if (options.verbose) for (const line of failureLines(file)) console.log(line);
  });
  await writeReport(options.reportPath, buildReport(results, directory, options.backend));
  if (options.updatePassing) {
    const added = await addPassingNames(passedNames(results));
    console.log(`passing.txt: ${added} case(s) added`);
  }
  console.log(totalLine(results));
}

// Failing cases are results, not errors: only a crash (or bad usage) sets a non-zero exit code.
main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof CliUsageError ? error.message : error);
    process.exit(error instanceof CliUsageError ? 2 : 1);
  },
);
