// The SQLite key-value store: point reads and writes, and inclusive ranges in byte order.
import { describe, expect, it } from 'vitest';
import { SqliteKeyValueStore } from '../../../src/runtime/state/sqlite-key-value-store.js';
import { bytes, hex, text, useTaskDatabases } from './state-fixtures.js';

describe('SqliteKeyValueStore', () => {
  const databases = useTaskDatabases();
  const openStore = (): SqliteKeyValueStore => new SqliteKeyValueStore(databases.open(), 'store');

  it('puts, overwrites, gets and deletes', () => {
    const store = openStore();
    store.put(bytes('a'), bytes('1'));
    store.put(bytes('a'), bytes('2'));
    store.put(bytes('b'), bytes('3'));
    store.delete(bytes('b'));
    store.delete(bytes('never'));
    expect(text(store.get(bytes('a')))).toBe('2');
    expect(store.get(bytes('b'))).toBeUndefined();
    expect(store.approximateCount()).toBe(1);
  });

  // Keys, in byte order: 00 < 01 < 01 00 < 7f < 80 < ff < ff ff (unsigned bytes, shorter first).
  const keys = ['ff', '7f', '01', '80', 'ffff', '00', '0100'];

  it('ranges inclusively over unsigned byte order', () => {
    const store = openStore();
    for (const key of keys) store.put(Buffer.from(key, 'hex'), bytes(key));
    const range = [...store.range(Buffer.from('01', 'hex'), Buffer.from('80', 'hex'))];
    expect(range.map(([key]) => hex(key))).toEqual(['01', '0100', '7f', '80']);
    expect(range.map(([, value]) => text(value))).toEqual(['01', '0100', '7f', '80']);
  });

  it('treats an undefined bound as open', () => {
    const store = openStore();
    for (const key of keys) store.put(Buffer.from(key, 'hex'), bytes(key));
    expect([...store.range(undefined, Buffer.from('01', 'hex'))].map(([key]) => hex(key))).toEqual(['00', '01']);
    expect([...store.range(Buffer.from('ff', 'hex'), undefined)].map(([key]) => hex(key))).toEqual(['ff', 'ffff']);
    expect([...store.range(undefined, undefined)]).toHaveLength(keys.length);
    expect([...store.range(Buffer.from('80', 'hex'), Buffer.from('01', 'hex'))]).toEqual([]);
  });

  it('reads a range over many pages while the caller writes to the store', () => {
    const store = openStore();
    const key = (index: number): Uint8Array => bytes(`key-${String(index).padStart(5, '0')}`);
    for (let index = 0; index < 2500; index++) store.put(key(index), bytes(String(index)));
    const seen: string[] = [];
    for (const [entryKey, value] of store.range(key(10), key(2400))) {
      seen.push(text(value)!);
      store.put(entryKey, bytes('rewritten'));
    }
    expect(seen).toHaveLength(2391);
    expect(seen[0]).toBe('10');
    expect(seen.at(-1)).toBe('2400');
    expect(text(store.get(key(1500)))).toBe('rewritten');
  });
});
