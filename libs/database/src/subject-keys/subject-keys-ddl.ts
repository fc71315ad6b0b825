/**
 * The subjects' key table, in a given schema. One row per subject: its current key's id, the
 * data key (wrapped under the master key when one is configured; `wrapping` names which), and
 * when it was made. Deleting the row is the crypto-shredding: nothing else holds the key.
 * `references` ties each key to its subject's row (ON DELETE CASCADE), so whatever deletes the
 * subject destroys the key in the same transaction.
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
