// Server configuration: flags over environment over properties file over defaults.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseFlags, parseProperties, resolveServerConfig } from '../../src/cli/config.js';

function propertiesFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'squall-config-')), 'squall.properties');
  writeFileSync(path, text);
  return path;
}

describe('server configuration', () => {
  it('defaults to port 8088, the embedded Kafka and exactly-once', () => {
    const config = resolveServerConfig(new Map(), {});
    expect(config).toMatchObject({ port: 8088, bootstrapServers: undefined, guarantee: 'exactly_once_v2', serviceId: 'default_' });
  });

  it('looks for user-defined functions in functions/ unless a directory is named, which must then exist', () => {
    expect(resolveServerConfig(new Map(), {}).functionsDir).toEqual({ path: 'functions', required: false });
    expect(resolveServerConfig(parseFlags(['--functions-dir', 'udfs']), {}).functionsDir).toEqual({ path: 'udfs', required: true });
    expect(resolveServerConfig(new Map(), { SQUALL_FUNCTIONS_DIR: 'env-udfs' }).functionsDir).toEqual({ path: 'env-udfs', required: true });
  });

  it('takes flags over the environment over the properties file', () => {
    const file = propertiesFile('listeners.port=7000\nbootstrap.servers=file:9092\nksql.service.id=from_file\n# a comment\n');
    const config = resolveServerConfig(parseFlags(['--config', file, '--port', '9000']), {
      SQUALL_PORT: '8000',
      SQUALL_BOOTSTRAP_SERVERS: 'env:9092',
    });
    expect(config.port).toBe(9000);
    expect(config.bootstrapServers).toBe('env:9092');
    expect(config.serviceId).toBe('from_file');
  });

  it('keeps other properties for the engine and the Kafka client', () => {
    const file = propertiesFile('ksql.sink.partitions=6\nkafka.security.protocol=SASL_SSL\n');
    expect(resolveServerConfig(parseFlags([`--config=${file}`]), {}).properties).toEqual({
      'ksql.sink.partitions': '6',
      'kafka.security.protocol': 'SASL_SSL',
    });
  });

  it('rejects an unknown flag, a bad port and a bad guarantee with a clear message', () => {
    expect(() => resolveServerConfig(parseFlags(['--prot', '1']), {})).toThrow(new ConfigError('Unknown flag --prot'));
    expect(() => resolveServerConfig(new Map(), { SQUALL_PORT: 'eighty' })).toThrow('Invalid port: eighty');
    expect(() => resolveServerConfig(parseFlags(['--processing-guarantee', 'exactly_once']), {})).toThrow(
      "processing.guarantee must be exactly_once_v2 or at_least_once, not 'exactly_once'",
    );
  });

  it('reads a properties line it cannot parse as an error', () => {
    expect(() => parseProperties('just words')).toThrow("Cannot read the properties line 'just words'");
  });
});
