import { describe, expect, it } from 'vitest';
import { hsdsIssueText } from './issue-text.js';

describe('hsdsIssueText', () => {
  const cases = [
    [
      {
        file: 'services.csv',
        row: '14',
        field: 'email',
        reason: 'must match format "email"',
        code: 'notEmail',
      },
      'services.csv, line 14: “email” is not a valid email address',
      'services.csv, línea 14: “email” no es una dirección de correo electrónico válida',
    ],
    [
      { file: 'schedules.csv', row: '3', field: '(record)', reason: 'x', code: 'notValid' },
      'schedules.csv, line 3: is not valid',
      'schedules.csv, línea 3: no es válido',
    ],
    [
      { file: 'home.json', row: 'services.csv[2]', field: 'email', reason: 'x', code: 'notEmail' },
      'home.json, services.csv[2]: “email” is not a valid email address',
      'home.json, services.csv[2]: “email” no es una dirección de correo electrónico válida',
    ],
    [
      { file: 'home.json', row: 'people.csv', field: '(table)', reason: 'x', code: 'notTable' },
      'home.json, people.csv: is not an HSDS table of records',
      'home.json, people.csv: no es una tabla de registros HSDS',
    ],
    // An older server's reason without a code is shown as it came.
    [
      { file: 'services.csv', row: '5', field: 'name', reason: 'is odd' },
      'services.csv, line 5: “name” is odd',
      'services.csv, línea 5: “name” is odd',
    ],
  ] as const;
  for (const [issue, en, es] of cases)
    it(`${issue.file} ${issue.row} ${issue.field}`, () => {
      expect(hsdsIssueText('en', issue)).toBe(en);
      expect(hsdsIssueText('es', issue)).toBe(es);
    });
});
