/**
 * SQLite runs on one synchronous connection, but callers await repository calls, so an `await`
 * inside a transaction lets other requests' calls run in between. This gate keeps a transaction
 * alone on the connection: calls from outside it wait until it commits, calls from inside it (found
 * through AsyncLocalStorage) run straight away. With no transaction open a call runs at once, so the
 * common path costs one resolved promise.
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
  /** Runs one synchronous database call, after any transaction of another caller. */
  run<T>(call: () => T): Promise<T>;
  /** Runs `work` as one transaction (a savepoint when nested), alone on the connection. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
}

const settle = <T>(call: () => T): Promise<T> => {
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

  return {
    run(call) {
      if (holder === null || insideHolder()) return settle(call);
      return new Promise((resolve, reject) => {
        waiting.push({ call: () => settle(call).then(resolve, reject) });
      });
    },

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

/** A repository as callers see it: every method answers through a promise. */
export type AsyncRepository<R> = {
  [K in keyof R]: R[K] extends (...args: infer A) => infer T ? (...args: A) => Promise<Awaited<T>> : R[K];
};

/** Wraps a synchronous repository so each call goes through the gate. */
export function throughGate<R extends object>(gate: SerialGate, repository: R): AsyncRepository<R> {
  const wrapped: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(repository)) {
    wrapped[name] = typeof member === 'function' ? (...args: unknown[]) => gate.run(() => member.apply(repository, args)) : member;
  }
  return wrapped as AsyncRepository<R>;
}
