/**
 * Domain services as the app composes them (storage -> repositories -> createServices), over a fresh
 * migrated database of the run's engine (in-memory SQLite, or a PostgreSQL schema), on a test clock. No Slack, no HTTP: a rule is checked
 * in milliseconds. Tests reach services only through `services`, so splitting a service moves no test.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createRepositories, type Repositories } from '../../src/db/repositories/index.js';
import type { Item, NewItem } from '../../src/db/repositories/items.js';
import type { Sprint, NewSprint } from '../../src/db/repositories/sprints.js';
import type { NewTeam, Team } from '../../src/db/repositories/teams.js';
import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { DbHandle } from '../../src/db/client.js';
import type { SqliteStorage } from '../../src/db/engine/sqlite.js';
import type { Storage } from '../../src/db/engine/storage.js';
import * as schema from '../../src/db/schema.js';
import { createSerialGate } from '../../src/db/serialGate.js';
import type { Db } from '../../src/db/types.js';
import { createServices, type Services } from '../../src/domain/index.js';
import type { Actor } from '../../src/domain/roles.js';
import { createTestClock, type TestClock } from './clock.js';
import { insertTeam } from './teams.js';
import { onPostgres, openTestStorage, type TestStorage } from './testEngine.js';

/** Details long enough for the default Definition of Ready. */
export const READY_DETAILS = 'Given a user, when they act, then it works.';

export interface DomainHarness {
  storage: Storage;
  repos: Repositories;
  services: Services;
  clock: TestClock;
  /** A team (PO U_PO, SM U_SM, members U_ALICE, U_BOB, U_PO, U_SM unless overridden). */
  team(overrides?: Partial<NewTeam> & { members?: string[] }): Promise<Team>;
  /** An item stored as it would be after intake (and triage, for other statuses); backlog items go to the bottom. */
  item(team: Team, fields?: Partial<NewItem>): Promise<Item>;
  /** A sprint row (closed ones give planning its velocity history). */
  sprint(team: Team, fields?: Partial<NewSprint>): Promise<Sprint>;
  /** Every queued notification, oldest first, with its payload parsed. */
  outbox(): Promise<{ dedupeKey: string; kind: string; payload: Record<string, unknown>; nextAttemptAt: number; teamId: number | null }[]>;
  close(): Promise<void>;
}

export async function createDomainHarness(options: { now?: string } = {}): Promise<DomainHarness> {
  const test = await openTestStorage();
  return harnessOver(test.storage, test.storage.repos, options, () => test.close());
}

function harnessOver(storage: Storage, repos: Repositories, { now = '2026-11-23T09:00:00Z' }: { now?: string }, close: () => Promise<void>): DomainHarness {
  const clock = createTestClock(now);
  const services = createServices({ repos, clock });
  return {
    storage,
    repos,
    services,
    clock,
    team: async (overrides = {}) => await insertTeam(repos, overrides),
    async item(team, fields = {}) {
      const at = clock().getTime();
      const status = fields.status ?? 'backlog';
      const bottom = status === 'backlog' ? ((await repos.items.rankBounds(team.id, 'backlog')).max ?? 0) + 1024 : null;
      return await repos.items.insert({
        teamId: team.id,
        number: await repos.teams.allocateItemNumber(team.id),
        title: 'An item',
        details: READY_DETAILS,
        type: 'story',
        status,
        source: 'command',
        requesterId: 'U_ALICE',
        suggestedById: 'U_ALICE',
        rank: bottom,
        createdAt: at,
        updatedAt: at,
        ...fields,
      });
    },
    async sprint(team, fields = {}) {
      const number = fields.number ?? (await repos.sprints.lastNumber(team.id)) + 1;
      return await repos.sprints.insert({
        teamId: team.id,
        number,
        name: `Sprint ${number}`,
        goal: 'Ship it',
        startDate: '2026-11-16',
        endDate: '2026-11-27',
        status: 'active',
        startedBy: 'U_SM',
        startedAt: 0,
        ...fields,
      });
    },
    async outbox() {
      const rows = await storage.query<{ dedupe_key: string; kind: string; payload: string; next_attempt_at: number; team_id: number | null }>(
        'SELECT dedupe_key, kind, payload, next_attempt_at, team_id FROM outbox ORDER BY id',
      );
      return rows.map((row) => ({
        dedupeKey: row.dedupe_key,
        kind: row.kind,
        payload: JSON.parse(row.payload) as Record<string, unknown>,
        nextAttemptAt: Number(row.next_attempt_at),
        teamId: row.team_id,
      }));
    },
    close,
  };
}

/**
 * A harness for every test of the file, behind one stable object so a file declares it once. The
 * database is migrated once per file and every test starts from it empty (ids included) without
 * paying for migrations: on SQLite each test runs in a transaction rolled back after it; on
 * PostgreSQL (pooled connections, so no one transaction spans a test) the tables are emptied.
 */
export function useDomainHarness(options: { now?: string } = {}): DomainHarness {
  let test: TestStorage | undefined;
  let current: DomainHarness | undefined;
  beforeAll(async () => {
    test = await openTestStorage();
  });
  afterAll(async () => test?.close());
  beforeEach(async () => {
    const { storage } = test!;
    if (onPostgres()) {
      await storage.query(`TRUNCATE ${tableNames().join(', ')} RESTART IDENTITY CASCADE`);
      current = harnessOver(storage, storage.repos, options, async () => {});
      return;
    }
    // The services' own transactions nest inside this one: their gate's BEGIN/COMMIT/ROLLBACK
    // become a savepoint of it (see insideTestTransaction).
    const { handle } = storage as SqliteStorage;
    handle.sqlite.exec('BEGIN');
    current = harnessOver(storage, createSqliteRepositories(insideTestTransaction(handle)), options, async () => {});
  });
  afterEach(async () => {
    if (!onPostgres()) (test!.storage as SqliteStorage).handle.sqlite.exec('ROLLBACK');
    current = undefined;
  });
  const live = (): DomainHarness => {
    if (!current) throw new Error('the domain harness is open only while a test runs');
    return current;
  };
  return new Proxy({} as DomainHarness, { get: (_, key) => Reflect.get(live(), key) });
}

/** Every table of the schema, by its SQL name. */
function tableNames(): string[] {
  return Object.values(schema).flatMap((value) => (is(value, SQLiteTable) ? [`"${getTableConfig(value as SQLiteTable).name}"`] : []));
}

/**
 * Repositories over the SQLite connection while a test's own transaction is open: the serial gate
 * opens its transactions with BEGIN IMMEDIATE, which SQLite refuses inside another one, so they
 * become a savepoint of the test's transaction instead. Nested transactions already use savepoints.
 */
function createSqliteRepositories(handle: DbHandle): Repositories {
  const gate = createSerialGate((statement) => handle.sqlite.exec(statement));
  const db = handle.db as unknown as Db;
  return createRepositories(
    { engine: 'sqlite', db: () => db, tables: schema, inTransaction: gate.inTransaction },
    { call: gate.run, transaction: gate.transaction },
  );
}

function insideTestTransaction(handle: DbHandle): DbHandle {
  const SAVEPOINT = 'harness_test_tx';
  const translate: Record<string, string> = {
    'BEGIN IMMEDIATE': `SAVEPOINT ${SAVEPOINT}`,
    COMMIT: `RELEASE ${SAVEPOINT}`,
    ROLLBACK: `ROLLBACK TO ${SAVEPOINT}; RELEASE ${SAVEPOINT}`,
  };
  const sqlite = new Proxy(handle.sqlite, {
    get(target, key) {
      if (key === 'exec') return (statement: string) => target.exec(translate[statement.trim()] ?? statement);
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db: handle.db, sqlite, close: () => {} };
}

/** Someone acting in Slack (not a workspace admin unless said). */
export const actor = (userId: string, isWorkspaceAdmin = false): Actor => ({ userId, isWorkspaceAdmin });

/** What fn throws (or its promise rejects with), so a test can match its code and details; fails when it does not throw. */
export async function caught(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
