/**
 * SQLite runs on one synchronous connection, but callers await repository calls, so an `await`
 * inside a transaction lets other requests' calls run in between. This gate keeps a transaction
 * alone on the connection: calls from outside it wait until it commits, calls from inside it (found
 * through AsyncLocalStorage) run straight away. A call outside a transaction holds the gate until
 * its promise settles (a repository method may run several statements). No I/O happens while the
 * gate is held (better-sqlite3 is synchronous), so holding it costs microtasks, not waiting.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** One transaction in progress; `open` turns false at its end, so stray callbacks it started wait. */
interface TransactionScope {
  open: boolean;
  depth: number;
}

/** A call waiting for a transaction to end, run in turn when it does; or a transaction waiting for the gate. */
type Waiter = { call: () => void } | { transaction: TransactionScope; start: () => void };

export interface SerialGate {
  /** Runs one repository call, after any transaction of another caller. */
  run<T>(call: () => T | Promise<T>): Promise<T>;
  /** Runs `work` as one transaction (a savepoint when nested), alone on the connection. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** True inside a transaction this gate opened. */
  inTransaction(): boolean;
}

const settle = <T>(call: () => T | Promise<T>): Promise<T> => {
  try {
    return Promise.resolve(call());
  } catch (error) {
    return Promise.reject(error);
  }
};

/** `execute` runs a statement without parameters on the connection (BEGIN, COMMIT, SAVEPOINT...). */
export function createSerialGate(execute: (statement: string) => void): SerialGate {
  const scope = new AsyncLocalStorage<TransactionScope>();
  let holder: TransactionScope | null = null;
  const waiting: Waiter[] = [];

  const insideHolder = (): TransactionScope | null => {
    const current = scope.getStore();
    return current?.open && current === holder ? current : null;
  };
  // Ownership passes synchronously: waiting calls run here, in order, until a waiting transaction
  // takes the gate; nothing can slip in between.
  const release = (): void => {
    holder = null;
    while (holder === null && waiting.length > 0) {
      const next = waiting.shift()!;
      if ('call' in next) next.call();
      else {
        holder = next.transaction;
        next.start();
      }
    }
  };

  const nested = async <T>(current: TransactionScope, work: () => Promise<T>): Promise<T> => {
    current.depth += 1;
    const name = `sp${current.depth}`;
    execute(`SAVEPOINT ${name}`);
    try {
      const result = await work();
      execute(`RELEASE ${name}`);
      return result;
    } catch (error) {
      execute(`ROLLBACK TO ${name}`);
      execute(`RELEASE ${name}`);
      throw error;
    } finally {
      current.depth -= 1;
    }
  };

  /** Runs a call outside any transaction, holding the gate until it settles. */
  const holdFor = <T>(call: () => T | Promise<T>): Promise<T> => {
    const token: TransactionScope = { open: true, depth: 0 };
    holder = token;
    const settled = settle(call);
    const done = (): void => {
      token.open = false;
      if (holder === token) release();
    };
    void settled.then(done, done);
    return settled;
  };

  const enqueueCall = <T>(call: () => T | Promise<T>): Promise<T> =>
    new Promise((resolve, reject) => {
      waiting.push({ call: () => holdFor(call).then(resolve, reject) });
    });

  return {
    run(call) {
      if (insideHolder()) return settle(call);
      return holder === null ? holdFor(call) : enqueueCall(call);
    },

    inTransaction: () => insideHolder() !== null,

    async transaction(work) {
      const current = insideHolder();
      if (current) return nested(current, work);
      const mine: TransactionScope = { open: true, depth: 0 };
      if (holder === null) holder = mine;
      else await new Promise<void>((start) => waiting.push({ transaction: mine, start }));
      try {
        execute('BEGIN IMMEDIATE');
      } catch (error) {
        mine.open = false;
        release();
        throw error;
      }
      try {
        const result = await scope.run(mine, work);
        execute('COMMIT');
        return result;
      } catch (error) {
        execute('ROLLBACK');
        throw error;
      } finally {
        mine.open = false;
        release();
      }
    },
  };
}
