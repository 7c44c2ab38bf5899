/**
 * Text a spreadsheet will not run: a cell starting with `=`, `+`, `-`, `@`, a
 * tab or a carriage return is a formula to Excel and LibreOffice (CSV
 * injection), so it gets a leading apostrophe, which they show as text. Plain
 * numbers (`-3`, `+1.5`) are left alone: they are values, not formulas.
 * Every CSV the server writes passes its text cells through this.
 */
export function spreadsheetSafe(text: string): string {
  if (!/^[=+\-@\t\r]/.test(text) || /^[+-]?\d+(\.\d+)?$/.test(text)) return text;
  return `'${text}`;
}
