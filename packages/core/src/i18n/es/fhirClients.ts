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
    'Usa un secreto fijo, que se va a retirar. Pida al contacto técnico de la clínica sus claves públicas y regístrelas con “Registrar sus claves”.',
  keysOpen: 'Registrar sus claves',
  keysChange: 'Cambiar sus claves',
  keysClose: 'Cerrar',
  keysOpenNamed: 'Registrar sus claves: {name}',
  keysChangeNamed: 'Cambiar sus claves: {name}',
  keysCloseNamed: 'Cerrar: claves de {name}',
  keysTitle: 'Claves de {name}',
  keysIntro:
    'Con SMART Backend Services el sistema de la clínica demuestra quién es con una clave privada que nunca comparte y recibe acceso por cinco minutos cada vez. Registre aquí la mitad pública.',
  keysWhere: '¿Dónde están sus claves públicas?',
  keysAtUrl: 'Publicadas en una dirección web (la clínica puede cambiar sus claves por su cuenta)',
  keysPasted: 'Las tengo: pegarlas aquí',
  keysUrl: 'Dirección de sus claves públicas (JWKS)',
  keysUrlHint:
    'Una dirección https que da el contacto técnico de la clínica; Puente la lee ahora para comprobarla.',
  keysJson: 'Sus claves públicas (JWKS)',
  keysJsonHint:
    'Pegue el conjunto de claves tal como lo mandó la clínica, empezando por {: una clave o varias, nunca la clave privada.',
  keysNotJson:
    'Esto no es un conjunto de claves: pegue el texto tal como lo mandó la clínica, empezando por { y terminando en }.',
  scopesLegend: 'Qué puede hacer su acceso',
  scopeReadsAll: 'Leer y buscar todos los tipos que se le pueden mostrar ({scope})',
  scopeReads: 'Leer y buscar {type} ({scope})',
  scopeWrites: 'Enviar referencias al programa: crear, leer y actualizar {type} ({scope})',
  scopesNone: 'Elija al menos una cosa que pueda hacer su acceso.',
  keysEndSecret: 'Cuando se guarden sus claves, su secreto fijo deja de funcionar.',
  keysSave: 'Guardar sus claves',
  keysSaving: 'Guardando…',
  keysSaved:
    'Las claves de {name} están registradas: ahora recibe su acceso en la dirección de tokens de su configuración SMART.',
};
