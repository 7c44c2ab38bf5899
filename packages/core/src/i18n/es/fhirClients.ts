import type { fhirClients as en } from '../en/fhirClients.js';

export const fhirClients: Record<keyof typeof en, string> = {
  nav: 'Sistemas de clínicas',
  title: 'Sistemas de clínicas (API FHIR)',
  intro:
    'El sistema de una clínica conectada lee, por la API FHIR, a las personas que aceptaron compartir con esa clínica. Cada uno recibe su propio secreto; revóquelo cuando la clínica deje de trabajar con ustedes.',
  add: 'Registrar un sistema de clínica',
  closeForm: 'Cerrar el formulario',
  formTitle: 'Registrar un sistema de clínica',
  name: 'Nombre del sistema',
  nameHint: 'Para distinguirlos, por ejemplo «Expediente de la Clínica del Valle».',
  partnerName: 'Nombre de la organización aliada (opcional)',
  partnerNameHint:
    'Ve a las personas que aceptaron compartir con una organización aliada de este nombre, tal como figura en su consentimiento.',
  partnerCategory: 'Tipo de organización aliada',
  partnerCategoryHint:
    'También ve a las personas que aceptaron compartir con todas las organizaciones aliadas de este tipo.',
  noCategory: 'Ninguno: solo por el nombre',
  register: 'Registrar',
  registering: 'Registrando…',
  registered: '{name} quedó registrado.',
  secretTitle: 'Copie el secreto ahora',
  secretWarning:
    'Esta es la única vez que se muestra el secreto: Puente no lo guarda en ningún lugar desde donde pueda mostrarlo otra vez. Entréguelo de forma segura al contacto técnico de la clínica.',
  secretLabel: 'Secreto de {name}',
  copy: 'Copiar el secreto',
  copied: 'Se copió el secreto.',
  copyFailed: 'Este navegador no pudo copiarlo. Seleccione el secreto y cópielo a mano.',
  secretDone: 'Ya guardé el secreto',
  emptyTitle: 'Todavía no hay sistemas de clínicas',
  emptyBody:
    'Registre el sistema de una clínica para que lea, por la API FHIR, lo que las personas aceptaron compartir.',
  seesNamed: 'Ve: personas que comparten con «{partner}»',
  seesCategory: 'Ve: personas que comparten con {category}',
  created: 'Registrado el {date}',
  revokedOn: 'Revocado el {date}',
  revokedBadge: 'Revocado',
  revoke: 'Revocar',
  revokeNamed: 'Revocar {name}',
  revokeQuestion: '¿Revocar {name}? Su secreto deja de funcionar de inmediato y no se puede deshacer.',
  revokeConfirm: 'Sí, revocarlo',
  revokeKeep: 'Conservarlo',
  revoked: 'Se revocó {name}: su secreto ya no funciona.',
  signsWithKeys: 'Entra con sus propias claves (SMART Backend Services). Puede leer: {scopes}',
  secretDeprecated:
    'Usa un secreto fijo, que se va a retirar. Pida al contacto técnico de la clínica sus claves públicas y regístrelas por la API.',
};
