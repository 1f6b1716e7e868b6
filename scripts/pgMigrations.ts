/**
 * drizzle-kit writes PostgreSQL foreign keys as REFERENCES "public"."teams"(...), while the tables
 * themselves are created unqualified: a database whose search_path picks another schema (one schema
 * per test run, or an operator's own) would get its foreign keys pointing into public. Every name is
 * left to the search_path instead.
 */
export function withoutPublicSchema(migrationSql: string): string {
  return migrationSql.replaceAll('"public".', '');
}
