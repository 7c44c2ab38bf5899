import { type ColumnMapping, type ImportField, importFields } from '@puente/core';
import { useI18n } from '../../app/i18n';
import { SelectField } from '../../ui/Field';

/** The field a column is read as, or '' when it is not read. */
const fieldOf = (mapping: ColumnMapping, column: number): ImportField | '' =>
  importFields.find((f) => mapping[f] === column) ?? '';

/** Reads column `column` as `field` (or as nothing): a field is read from one column only. */
export function remap(mapping: ColumnMapping, column: number, field: ImportField | ''): ColumnMapping {
  const next: ColumnMapping = {};
  for (const f of importFields) {
    const at = mapping[f];
    if (at !== undefined && at !== column && f !== field) next[f] = at;
  }
  if (field) next[field] = column;
  return next;
}

/**
 * One drop-down per column of the sheet, labelled by the column's own header, so the admin
 * confirms or changes what the server guessed. Stacked, not a table: it fits 360 px.
 */
export function MappingCard({
  columns,
  mapping,
  onChange,
}: {
  columns: string[];
  mapping: ColumnMapping;
  onChange: (mapping: ColumnMapping) => void;
}) {
  const { t } = useI18n();
  const options = [
    { value: '', label: t('caseloadImport.notRead') },
    ...importFields.map((f) => ({ value: f, label: t(`caseloadImport.field_${f}`) })),
  ];
  const named = mapping.givenName !== undefined || mapping.fullName !== undefined;
  return (
    <section class="card" aria-labelledby="mapping-title">
      <h2 id="mapping-title">{t('caseloadImport.mappingTitle')}</h2>
      <p>{t('caseloadImport.mappingHelp')}</p>
      {!named && <p class="field-error">{t('caseloadImport.mappingNoName')}</p>}
      <div class="import-mapping">
        {columns.map((column, i) => (
          <SelectField
            key={i}
            id={`column-${i}`}
            label={t('caseloadImport.mappingColumn', { column: column || String(i + 1) })}
            value={fieldOf(mapping, i)}
            onValue={(value) => onChange(remap(mapping, i, value as ImportField | ''))}
            options={options}
          />
        ))}
      </div>
    </section>
  );
}
