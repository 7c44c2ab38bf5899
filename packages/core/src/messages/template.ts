/**
 * What a template may say. Only these: a first name, when and where, and the
 * program's name; never a diagnosis, a screening or a service's name that
 * reveals a condition (a place is the admin's choice to include).
 */
export const templatePlaceholders = ['name', 'date', 'time', 'place', 'program'] as const;
export type TemplatePlaceholder = (typeof templatePlaceholders)[number];

const placeholder = /\{([^{}]*)\}/g;

/** The `{names}` a template uses that are not placeholders, each once. */
export function unknownPlaceholders(template: string): string[] {
  const known = templatePlaceholders as readonly string[];
  return [...new Set([...template.matchAll(placeholder)].map((m) => m[1] ?? ''))].filter(
    (name) => !known.includes(name),
  );
}

/**
 * Fills a template's placeholders; one without a value is left empty. Call
 * `unknownPlaceholders` first: an unknown one is kept as written.
 * @example renderTemplate('Hola {name}, su cita es el {date}.', { name: 'Ana', date: 'lunes 3' })
 */
export function renderTemplate(
  template: string,
  values: Partial<Record<TemplatePlaceholder, string>>,
): string {
  return template.replace(placeholder, (whole, name: string) =>
    (templatePlaceholders as readonly string[]).includes(name)
      ? (values[name as TemplatePlaceholder] ?? '')
      : whole,
  );
}

/** The longest value each placeholder is counted at in the editor's preview (a long name, a long date). */
export const placeholderSamples: Record<TemplatePlaceholder, string> = {
  name: 'Guadalupe',
  date: 'miércoles 30 de septiembre',
  time: '10:30 a. m.',
  place: 'Clínica Comunitaria del Valle',
  program: 'Promotoras del Valle',
};
