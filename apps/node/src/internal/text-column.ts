const NUL = String.fromCharCode(0);

// A JSON string may carry U+0000 ("\u0000"). Postgres text refuses it, and libsql reads SQLite text only up to
// it; so the columns that hold ids, numbers and raw bodies keep it escaped, with the escape character itself
// escaped, which keeps the mapping one to one (lookups and uniqueness work on the escaped form). Event and
// record bodies are JSON text, where JSON.stringify already escapes it.

/** A string as its text column holds it. */
export const toColumn = (s: string): string =>
  s.includes('\\') || s.includes(NUL) ? s.replaceAll('\\', '\\\\').replaceAll(NUL, '\\0') : s;

/** `toColumn` undone. */
export const fromColumn = (s: string): string =>
  s.includes('\\') ? s.replace(/\\([\\0])/g, (_, c: string) => (c === '0' ? NUL : '\\')) : s;

export const toColumnOrNull = (s: string | null): string | null => (s === null ? null : toColumn(s));
