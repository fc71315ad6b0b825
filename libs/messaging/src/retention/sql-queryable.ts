/** Anything that runs SQL: a TypeORM DataSource (rows) or a pg Client / Pool (a result with rows). */
export interface SqlQueryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export async function queryRows<T>(db: SqlQueryable, sql: string, params?: unknown[]): Promise<T[]> {
  const result = await db.query(sql, params);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
