import { type SheetField, sheetFields } from '@puente/core';
import { useI18n } from '../../app/i18n';
import { Field, TextArea } from '../../ui/Field';

export type ServiceValues = Record<SheetField, string>;
export const emptyService = Object.fromEntries(sheetFields.map((f) => [f, ''])) as ServiceValues;

const hints: Partial<
  Record<SheetField, 'addressHint' | 'hoursHint' | 'categoriesHint' | 'languagesHint' | 'costHint'>
> = {
  address: 'addressHint',
  hours: 'hoursHint',
  categories: 'categoriesHint',
  languages: 'languagesHint',
  cost: 'costHint',
};
const types: Partial<Record<SheetField, 'tel' | 'email'>> = { phone: 'tel', email: 'email' };

/**
 * The fields of one service in the template's plain words: the admin's form and a partner's
 * proposed change show the same ones, with the same hints and the refusal named per field.
 */
export function ServiceFields({
  idPrefix,
  values,
  onValues,
  errors,
}: {
  idPrefix: string;
  values: ServiceValues;
  onValues: (update: (v: ServiceValues) => ServiceValues) => void;
  errors: Partial<Record<string, string>>;
}) {
  const { t } = useI18n();
  const set = (field: SheetField) => (value: string) => onValues((v) => ({ ...v, [field]: value }));
  return (
    <>
      {sheetFields.map((f) =>
        f === 'description' || f === 'eligibility' ? (
          <TextArea
            key={f}
            id={`${idPrefix}-${f}`}
            label={t(`directorySheet.${f}`)}
            value={values[f]}
            onValue={set(f)}
            error={errors[f]}
          />
        ) : (
          <Field
            key={f}
            id={`${idPrefix}-${f}`}
            label={t(`directorySheet.${f}`)}
            value={values[f]}
            onValue={set(f)}
            type={types[f] ?? 'text'}
            hint={hints[f] && t(`directorySheet.${hints[f]}`)}
            error={errors[f]}
            {...(f === 'name' ? { required: true } : {})}
          />
        ),
      )}
    </>
  );
}
