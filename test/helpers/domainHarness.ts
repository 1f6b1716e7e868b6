/**
 * Domain services as the app composes them (createRepositories -> createServices), over a fresh
 * in-memory SQLite with the real migrations, on a test clock. No Slack, no HTTP: a rule is checked
 * in milliseconds. Tests reach services only through `services`, so splitting a service moves no test.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { openDatabase, type DbHandle } from '../../src/db/client.js';
import { createRepositories, type Repositories } from '../../src/db/repositories/index.js';
import type { Item, NewItem } from '../../src/db/repositories/items.js';
import type { Sprint, NewSprint } from '../../src/db/repositories/sprints.js';
import type { NewTeam, Team } from '../../src/db/repositories/teams.js';
import { outboxTable } from '../../src/db/schema.js';
import { createServices, type Services } from '../../src/domain/index.js';
import type { Actor } from '../../src/domain/roles.js';
import { createTestClock, type TestClock } from './clock.js';
import { insertTeam } from './teams.js';

/** Details long enough for the default Definition of Ready. */
export const READY_DETAILS = 'Given a user, when they act, then it works.';

export interface DomainHarness {
  db: DbHandle;
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
  outbox(): { dedupeKey: string; kind: string; payload: Record<string, unknown>; nextAttemptAt: number; teamId: number | null }[];
  close(): void;
}

export function createDomainHarness(options: { now?: string } = {}): DomainHarness {
  const db = openDatabase(':memory:');
  return harnessOver(db, options, () => db.close());
}

function harnessOver(db: DbHandle, { now = '2026-11-23T09:00:00Z' }: { now?: string }, close: () => void, storage: DbHandle = db): DomainHarness {
  const clock = createTestClock(now);
  const repos = createRepositories(storage);
  const services = createServices({ repos, clock });
  return {
    db,
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
    outbox: () =>
      db.db
        .select()
        .from(outboxTable)
        .all()
        .map((row) => ({
          dedupeKey: row.dedupeKey,
          kind: row.kind,
          payload: JSON.parse(row.payload) as Record<string, unknown>,
          nextAttemptAt: row.nextAttemptAt,
          teamId: row.teamId,
        })),
    close,
  };
}

/**
 * A harness for every test of the file, behind one stable object so a file declares it once. The
 * database is migrated once per file and each test runs in a transaction rolled back after it, so
 * every test starts from the empty migrated database (ids included) without paying for migrations.
 */
export function useDomainHarness(options: { now?: string } = {}): DomainHarness {
  let db: DbHandle | undefined;
  let current: DomainHarness | undefined;
  beforeAll(() => {
    db = openDatabase(':memory:');
  });
  afterAll(() => db?.close());
  beforeEach(() => {
    // The services' own transactions nest inside this one: their gate's BEGIN/COMMIT/ROLLBACK
    // become a savepoint of it (see insideTestTransaction).
    db!.sqlite.exec('BEGIN');
    current = harnessOver(db!, options, () => {}, insideTestTransaction(db!));
  });
  afterEach(() => {
    db!.sqlite.exec('ROLLBACK');
    current = undefined;
  });
  const live = (): DomainHarness => {
    if (!current) throw new Error('the domain harness is open only while a test runs');
    return current;
  };
  return new Proxy({} as DomainHarness, { get: (_, key) => Reflect.get(live(), key) });
}

/**
 * The handle the repositories get while a test's own transaction is open: the serial gate opens its
 * transactions with BEGIN IMMEDIATE, which SQLite refuses inside another one, so they become a
 * savepoint of the test's transaction instead (what better-sqlite3's db.transaction did by itself).
 * Nested transactions already use savepoints and pass through unchanged.
 */
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
