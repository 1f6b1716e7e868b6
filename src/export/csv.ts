/**
 * CSV as RFC 4180 writes it: CRLF between records, a field quoted when it holds a comma, a quote,
 * CR or LF, quotes inside doubled. A dozen lines, so no dependency.
 *
 * Cells are user text (titles come from anyone's /suggest) opened in spreadsheets: a cell starting
 * with = + - @, a tab or a CR is a formula to Excel, LibreOffice and Google Sheets (OWASP "CSV
 * Injection"), so such text is neutralised with a leading single quote. Numbers we write ourselves
 * are left as numbers.
 */
export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field: text neutralised against formulas, then quoted if RFC 4180 needs it. */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The whole file: a header and the rows, each record ended by CRLF. It starts with a UTF-8 byte
 * order mark, without which Excel reads UTF-8 as the local code page and garbles every non-ASCII title.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const records = [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`);
  return `\uFEFF${records.join('')}`;
}
