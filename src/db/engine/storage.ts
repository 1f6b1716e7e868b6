/** What the rest of the app holds of the database, whichever engine serves it. */
import type { Repositories } from '../repositories/index.js';

export type EngineName = 'sqlite' | 'postgres';

export interface Storage {
  readonly engine: EngineName;
  readonly repos: Repositories;
  /**
   * Several processes may share this database (PostgreSQL). Start-up then must not take back work
   * another live process has claimed; it waits for that claim's lease to run out instead.
   */
  readonly shared: boolean;
  /** True when the database answers a trivial query (readiness). */
  ping(): Promise<boolean>;
  /**
   * A raw read for operators and tests, with `?` placeholders; numbers come back as numbers.
   * Not for features: those go through repositories.
   */
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}
