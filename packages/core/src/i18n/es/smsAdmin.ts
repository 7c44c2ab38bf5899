import type { smsAdmin as en } from '../en/smsAdmin.js';

export const smsAdmin: Record<keyof typeof en, string> = {
  nav: 'Plantillas de mensajes',
  title: 'Plantillas de mensajes de texto',
  intro:
    'Recordatorios y mensajes enviados desde el número del programa. Nunca escriba un diagnóstico ni un servicio que revele una condición: otra persona puede leer el teléfono.',
  none: 'Aún no hay plantillas',
  noneHint: 'Hasta que agregue una, los recordatorios usan las palabras de Puente en español e inglés.',
  kind: 'Se usa para',
  kind_reminder: 'Recordatorio de cita',
  kind_message: 'Mensaje de una promotora',
  language: 'Idioma',
  language_es: 'Español',
  language_en: 'Inglés',
  name: 'Nombre',
  body: 'Texto',
  placeholders: 'Puede usar {list}.',
  length: '{segments} mensajes ({encoding})',
  preview: 'Vista previa con valores de ejemplo largos',
  addTitle: 'Agregar una plantilla',
  editTitle: 'Cambiar la plantilla',
  edit: 'Cambiar',
  editNamed: 'Cambiar {name}',
  save: 'Guardar plantilla',
  cancel: 'Cancelar',
  saved: 'Plantilla «{name}» guardada.',
};
