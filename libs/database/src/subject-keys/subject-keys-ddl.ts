/**
 * The subjects' key table, in a given schema. One row per subject: its current key's id, the
 * data key (wrapped under the master key when one is configured; `wrapping` names which), and
 * when it was made. Deleting the row is the crypto-shredding: nothing else holds the key.
 * `references` ties each key to its subject's row (ON DELETE CASCADE), so whatever deletes the
 * subject destroys the key in the same transaction, and a key can never be made for a subject
 * already deleted (the foreign key refuses it, even against a concurrent erasure).
 */
export function subjectKeysTableDdl(
  table: string,
  options: { subjectType: 'uuid' | 'text'; references?: string },
): string {
  const fk = options.references ? ` REFERENCES ${options.references} ON DELETE CASCADE` : '';
  return `CREATE TABLE IF NOT EXISTS ${table} (
    subject_id ${options.subjectType} PRIMARY KEY${fk},
    key_id     uuid NOT NULL UNIQUE,
    data_key   bytea NOT NULL,
    wrapping   text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`;
}

/** Where the tombstones of a key table's erased subjects live: beside it, `<table>_erased`. */
export function erasedSubjectsTableOf(table: string): string {
  return `${table}_erased`;
}

/**
 * Tombstones for a key table with no subject row to reference (the shared candidates' keys: the
 * candidate lives in other services): one row per erased subject, by the SHA-256 of its id (the
 * table names nobody in the clear), so a first use racing or following the erasure makes no key.
 */
export function erasedSubjectsTableDdl(table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${erasedSubjectsTableOf(table)} (
    subject_digest bytea PRIMARY KEY,
    erased_at      timestamptz NOT NULL DEFAULT now()
  )`;
}
