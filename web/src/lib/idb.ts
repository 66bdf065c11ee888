/**
 * A tiny promise wrapper over one IndexedDB object store with auto-increment keys, plus an
 * in-memory stand-in where IndexedDB is missing (some private modes, unit tests).
 */
export interface KeyedStore<T> {
  /** Appends a value; resolves with its key (keys only grow, so they keep insertion order). */
  add(value: T): Promise<number>;
  put(key: number, value: T): Promise<void>;
  delete(key: number): Promise<void>;
  /** Every entry, oldest first. */
  all(): Promise<{ key: number; value: T }[]>;
  clear(): Promise<void>;
}

const request = <R>(req: IDBRequest<R>) =>
  new Promise<R>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

/** One object store of one database: opened lazily, each call in its own transaction. */
function idbStore(dbName: string, storeName: string, factory: IDBFactory, options?: IDBObjectStoreParameters) {
  let db: Promise<IDBDatabase> | null = null;
  const open = () => {
    db ??= new Promise((resolve, reject) => {
      const req = factory.open(dbName, 1);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(storeName)) req.result.createObjectStore(storeName, options);
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => {
        db = null;
        reject(req.error);
      };
    });
    return db;
  };
  const done = (tx: IDBTransaction) =>
    new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  const run = async <R>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<R>) => {
    const tx = (await open()).transaction(storeName, mode);
    const result = request(fn(tx.objectStore(storeName)));
    await done(tx);
    return result;
  };
  /** Every record in key order, read in one transaction so keys and values always pair up. */
  const entries = async (): Promise<{ key: IDBValidKey; value: unknown }[]> => {
    const tx = (await open()).transaction(storeName, 'readonly');
    const rows: { key: IDBValidKey; value: unknown }[] = [];
    const cursor = tx.objectStore(storeName).openCursor();
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c) return;
      rows.push({ key: c.key, value: c.value });
      c.continue();
    };
    await done(tx);
    return rows;
  };
  return { run, entries };
}

export function openIdbStore<T>(dbName: string, storeName: string, factory: IDBFactory = indexedDB): KeyedStore<T> {
  const { run, entries } = idbStore(dbName, storeName, factory, { autoIncrement: true });
  return {
    add: async (value) => Number(await run('readwrite', (s) => s.add(value))),
    put: async (key, value) => void (await run('readwrite', (s) => s.put(value, key))),
    delete: async (key) => void (await run('readwrite', (s) => s.delete(key))),
    clear: async () => void (await run('readwrite', (s) => s.clear())),
    all: async () => (await entries()).map((r) => ({ key: Number(r.key), value: r.value as T })),
  };
}

export function memoryStore<T>(): KeyedStore<T> {
  const rows = new Map<number, T>();
  let next = 1;
  return {
    add: async (value) => {
      const key = next++;
      rows.set(key, structuredClone(value));
      return key;
    },
    put: async (key, value) => void rows.set(key, structuredClone(value)),
    delete: async (key) => void rows.delete(key),
    clear: async () => rows.clear(),
    all: async () => [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([key, value]) => ({ key, value: structuredClone(value) })),
  };
}

/** IndexedDB when the browser has it, memory otherwise. */
export function openStore<T>(dbName: string, storeName: string): KeyedStore<T> {
  return typeof indexedDB === 'undefined' ? memoryStore<T>() : openIdbStore<T>(dbName, storeName);
}

/** A string-keyed IndexedDB store (one record per key), with the same memory fallback. */
export interface KvStore<T> {
  get(key: string): Promise<T | undefined>;
  set(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every record, in key order. */
  all(): Promise<{ key: string; value: T }[]>;
}

export function openIdbKv<T>(dbName: string, storeName: string, factory: IDBFactory = indexedDB): KvStore<T> {
  const { run, entries } = idbStore(dbName, storeName, factory);
  return {
    get: async (key) => (await run('readonly', (s) => s.get(key))) as T | undefined,
    set: async (key, value) => void (await run('readwrite', (s) => s.put(value, key))),
    delete: async (key) => void (await run('readwrite', (s) => s.delete(key))),
    all: async () => (await entries()).map((r) => ({ key: String(r.key), value: r.value as T })),
  };
}

export function memoryKv<T>(): KvStore<T> {
  const rows = new Map<string, T>();
  return {
    get: async (key) => (rows.has(key) ? structuredClone(rows.get(key)) : undefined),
    set: async (key, value) => void rows.set(key, structuredClone(value)),
    delete: async (key) => void rows.delete(key),
    all: async () =>
      [...rows.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([key, value]) => ({ key, value: structuredClone(value) })),
  };
}

export function openKv<T>(dbName: string, storeName: string): KvStore<T> {
  return typeof indexedDB === 'undefined' ? memoryKv<T>() : openIdbKv<T>(dbName, storeName);
}
