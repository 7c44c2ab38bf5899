import type { errors as en } from '../en/errors.js';

export const errors: Record<keyof typeof en, string> = {
  badRequest: 'No se pudo leer la solicitud.',
  malformedJson: 'El contenido de la solicitud no es JSON válido. Revise si falta una coma o unas comillas.',
  unsupportedMediaType: 'Envíe el contenido de la solicitud como JSON (Content-Type: application/json).',
  uploadType:
    'Envíe el archivo mismo como contenido, con el tipo text/csv, application/zip, el de Excel (.xlsx) o application/octet-stream; no dentro de JSON.',
  validation: 'Algunos campos necesitan atención.',
  tooLarge: 'La solicitud es demasiado grande. El límite es {limit}.',
  notFound: 'No se encontró nada en esta dirección.',
  methodNotAllowed: 'Esta dirección no acepta ese tipo de solicitud.',
  signInRequired: 'Inicie sesión para continuar.',
  sessionExpired: 'Su sesión terminó. Inicie sesión de nuevo.',
  forbidden: 'Su función no permite esto.',
  badCredentials: 'El correo o la contraseña no son correctos. Revíselos e intente de nuevo.',
  tooManyAttempts: 'Demasiados intentos. Espere {seconds} segundos e intente de nuevo.',
  accountLocked:
    'Esta cuenta está bloqueada por demasiados intentos fallidos. Intente de nuevo en {minutes} minutos o pida a su administrador que la desbloquee.',
  accountDisabled: 'Esta cuenta está desactivada. Consulte a su administrador.',
  deviceErased: 'Este teléfono fue desactivado para Puente, así que se borraron sus datos.',
  syncBusy:
    'El servidor está preparando las listas de casos de otros teléfonos. Puente volverá a intentarlo en {seconds} segundos; su trabajo está a salvo en este teléfono.',
  keyNeedsFreshSignIn: 'Inicie sesión otra vez con su contraseña en este teléfono para recuperar sus datos.',
  deviceNotYours:
    'La copia de este teléfono pertenece a otra sesión. Inicie sesión otra vez en este teléfono.',
  deviceNotFound: 'Ese dispositivo no existe.',
  wrongCurrentPassword: 'La contraseña actual no es correcta.',
  passwordChangeRequired: 'Otra persona fijó su contraseña. Elija una contraseña propia para continuar.',
  passwordNotNew: 'Elija una contraseña nueva, no la que le dieron.',
  linkInvalid: 'Este enlace venció o ya se usó. Pida uno nuevo.',
  starting: 'Puente se está iniciando. Intente de nuevo en un momento.',
  secondFactorRequired:
    'Escriba un código de su aplicación de autenticación, un código de recuperación, o use su llave de acceso para terminar de iniciar sesión.',
  enrolmentRequired: 'Su función necesita inicio de sesión en dos pasos. Configúrelo para continuar.',
  stepUpRequired: 'Para esto, confirme que es usted: escriba otra vez su contraseña o un código.',
  wrongCode: 'Ese código no es correcto o ya se usó. Revise la hora de su teléfono e intente de nuevo.',
  tooManyCodes:
    'Demasiados códigos incorrectos. Espere {minutes} minutos o inicie sesión con una llave de acceso.',
  passkeyFailed: 'No se pudo comprobar la llave de acceso. Intente de nuevo o use un código.',
  twoFactorNotStarted: 'Primero empiece a configurar la aplicación de autenticación.',
  lastFactor: 'Su función necesita inicio de sesión en dos pasos: agregue otra forma antes de quitar esta.',
  sessionNotFound: 'Esa sesión ya terminó.',
  emailTaken: 'Alguien en Puente ya usa este correo electrónico.',
  userNotFound: 'Ese usuario no existe en su organización.',
  teamMemberNotFound: 'Uno de los miembros del equipo no existe en su organización.',
  supervisorRoleRequired: 'Un equipo lo dirige alguien con la función de supervisor.',
  cannotDisableSelf: 'No puede desactivar ni bajar de función su propia cuenta.',
  crossSite: 'Esta solicitud vino de otro sitio y fue rechazada.',
  clientNotFound: 'Esa persona no está en su lista de casos, o no existe.',
  chwNotAssignable: 'Esa persona no puede recibir este caso: elija una promotora activa de su equipo.',
  possibleDuplicate:
    'Es posible que esta persona ya esté registrada. Revise las coincidencias antes de crear un registro nuevo.',
  idTaken: 'Ya existe un registro con este identificador.',
  conflictOutdated:
    'Este dato cambió después de que se cruzaron las dos ediciones. Abra la página de la persona para verlo ahora y cámbielo ahí si hace falta.',
  mergeSameClient: 'Elija dos registros diferentes para unir.',
  breakGlassNotNeeded: 'Usted ya puede abrir este registro; no hace falta el acceso de emergencia.',
  handoverNotHeld:
    'Romper el cristal abre un registro para leerlo, no para moverlo: el equipo que atiende a esta persona, o un administrador, puede traspasarla o unir sus registros.',
  handoverAcrossTeams:
    'Pasar a una persona a una promotora de otro equipo le corresponde a un administrador: elija una promotora de su equipo o pídaselo a su administrador.',
  taskOutsideCaseload:
    'Esta persona no está en la lista de casos de esa promotora: primero traspase a la persona, o dé la tarea a alguien que la atienda.',
  consentNotFound: 'Ese consentimiento no está en el registro de esta persona.',
  consentAlreadyRevoked: 'Este consentimiento ya fue retirado.',
  noServiceConsent:
    'Esta persona no ha dado su consentimiento para recibir servicios y que se guarden sus datos. Registre su consentimiento primero.',
  noTextConsent: 'Esta persona no aceptó que la contacten por mensaje de texto.',
  noShareConsent:
    'Esta persona no aceptó compartir su información con {partner}. Pregúntele y regístrelo primero.',
  encounterNotFound: 'Ese contacto no está en el registro de esta persona.',
  goalNotFound: 'Esa meta no está en el plan de esta persona.',
  stepNotFound: 'Ese paso no es parte de esta meta.',
  appointmentNotFound: 'Esa cita no está en el registro de esta persona.',
  taskNotFound: 'Esa tarea no existe o no le corresponde verla.',
  taskClosed: 'Esta tarea ya está cerrada. Ábrala otra vez primero.',
  nothingToUndo: 'No hay nada que deshacer en esta tarea.',
  unknownQuestionnaire:
    'Este formulario, o esta versión, no se conoce aquí. Actualice la aplicación e intente de nuevo.',
  formExists:
    'Su programa ya tiene un formulario con esta dirección y versión. Publique el cambio como una versión nueva.',
  alertNotFound: 'Esa alerta no existe o no le corresponde verla.',
  alertAlreadyAcknowledged: 'Alguien ya confirmó esta alerta.',
  onCallNotSupervisor:
    'Todas las personas de la lista de guardia deben ser supervisores activos de su organización.',
  safetyPlanNotFound: 'Esta persona todavía no tiene un plan de seguridad. Guarde uno primero.',
  shareExpiry: 'Elija como último día una fecha entre hoy y {days} días a partir de hoy.',
  linkNotFound: 'Este enlace no funciona. Pida uno nuevo a la persona que se lo compartió.',
  linkExpired: 'Este enlace ya venció. Pida uno nuevo a la persona que se lo compartió.',
  privateLinkNotFound: 'Ese enlace no está entre los enlaces enviados a esta persona.',
  linkAlreadyRevoked: 'Este enlace ya fue anulado. Ya no se abre.',
  linkAlreadyExpired: 'Este enlace ya venció. Ya no se abre, así que no hay nada que anular.',
  resourceNotInDirectory:
    'El servicio “{id}” ya no está en el directorio. Busque otra vez y escójalo de los resultados.',
  serviceNotFound: 'Ese servicio no está en su directorio.',
  flagNotFound: 'Ese reporte no está en la lista de revisión de su directorio.',
  unknownPostcode:
    'Ningún lugar de su directorio tiene el código postal {postcode}. Revíselo o busque cerca de un punto.',
  directoryNotPublic: 'Este directorio no es público. Inicie sesión para verlo.',
  importNotZip: 'Este archivo no se pudo leer como un directorio HSDS: no es un archivo .zip.',
  importNotJson:
    'Este archivo no se pudo leer como un directorio HSDS: no es JSON guardado como texto UTF-8.',
  pageOutOfRange: 'Las páginas empiezan en 1 y tienen como máximo {max} registros.',
  slugTaken: 'Otra organización ya usa esta dirección pública. Elija otra.',
  synonymNoWords:
    'Escriba una palabra que la búsqueda pueda usar: “de”, “the” y otras palabras cortas se omiten, y aquí no queda ninguna otra.',
  synonymExists: 'Su programa ya tiene un significado para “{term}”. Quítelo primero para darle otro.',
  synonymsFull: 'Su programa tiene {max} sinónimos, el máximo. Quite uno que ya no necesite.',
  synonymNotFound: 'Ese sinónimo no está entre los de su programa.',
  // Educación comunitaria y eventos.
  topicNotFound: 'Ese tema no está en la biblioteca de su programa.',
  topicIdMismatch: 'La dirección de un tema es su asunto y su idioma: guarde este como {id}.',
  topicChanged:
    'Otra persona guardó este tema mientras usted lo editaba. Copie su texto, vuelva a cargar la página y guárdelo otra vez.',
  helpPageNotFound: 'Este programa no tiene una página pública de ayuda en esta dirección.',
  eventNotFound: 'Ese evento no existe en su organización.',
  eventHeldInFuture:
    'Un evento no puede marcarse como realizado antes de su fecha. Cambie la fecha o el estado.',
  facilitatorNotFound: 'Cada facilitador debe ser un miembro activo de su organización.',
  checkNotAllowed:
    'Escoja las preguntas de la charla o un formulario de su programa que solo tenga preguntas de opción o de número: a los asistentes nunca se les pide nada personal.',
  noCheck: 'Este evento no tiene preguntas de antes y después.',
  checkClosed: 'Estas preguntas no están abiertas ahora. Pregúntele a quien dirige la charla.',
  unknownSessionCode:
    'No encontramos ese código. Revíselo en su otro teléfono, o conteste sin él: sus respuestas cuentan igual.',
  alreadyAnswered: 'Ya se contestaron estas preguntas con este código.',
  answerAll: 'Por favor conteste todas las preguntas.',
  tooManyAnswers:
    'Llegaron demasiadas respuestas desde esta red. Espere {seconds} segundos e intente otra vez.',
  reportRangeBackwards:
    'El informe termina ({to}) antes de empezar ({from}). Elija un último día igual o posterior al primero.',
  reportRangeTooLong: 'Un informe abarca como máximo {years} años. Elija un periodo más corto.',
  reportTeamOutOfScope: 'Ese equipo no es uno cuyas cifras usted pueda ver.',
  activityTeamNotFound: 'Ese equipo no está en su programa: elija uno de la lista.',
  reportChwOutOfScope: 'Esa promotora no es una cuyas cifras usted pueda ver.',
  fhirClientNotFound: 'Ese cliente de la API no existe en su organización.',
  // Referrals.
  screeningNotFound: 'Esa evaluación no está en el expediente de esta persona.',
  referralNotFound: 'Esa referencia no existe o no le corresponde verla.',
  referralServiceNotFound:
    'Ese servicio no está en el directorio de su programa. Busque otra vez y elíjalo de los resultados.',
  referralStatusNotAllowed:
    'Una referencia no puede cambiar así desde donde está ahora. Vuelva a cargarla para ver qué se puede hacer.',
  referralNotYourMove:
    'Solo la organización que recibió la referencia responde así. Usted puede cancelarla o indicar que fue un error.',
  referralReasonRequired: 'Diga por qué, en pocas palabras, para que la otra parte entienda.',
  referralOutcomeRequired: 'Elija cómo terminó: por ejemplo, no califica o no pudo recibir ayuda.',
  referralCompletedIsGotHelp:
    'Completada quiere decir que la persona recibió ayuda. Para cualquier otro final, elija “no funcionó”.',
  referralTooFewAttempts:
    'Intente comunicarse con la persona {required} veces antes de cerrar como no localizable (van {attempts}).',
  referralClosed: 'Esta referencia está cerrada.',
  partnerNotLinked:
    'Su cuenta de organización aliada aún no está vinculada a ningún servicio. Pídaselo al administrador del programa.',
  partnerRoleRequired: 'Solo una cuenta de organización aliada puede vincularse a servicios.',
  partnerOrganizationNotFound: 'Esa organización no está en el directorio de su programa.',
  partnerServiceNotFound:
    'Uno de esos servicios no está en el directorio de su programa. Vuelva a cargar la lista y elija de nuevo.',
  internal: 'Algo salió mal de nuestro lado. No se cambió nada. Intente de nuevo.',
  moving: 'Puente se está trasladando a una nueva base de datos. Intente de nuevo en unos minutos.',
  metricsTokenRequired: 'Envíe el token de métricas como token bearer (Authorization: Bearer …).',
  // Copias de seguridad (el botón «hacer una copia ahora» de la administración).
  backupNoFolder:
    'No hay carpeta de copias de seguridad. Quien administra el servidor de Puente define PUENTE_BACKUP_DIR y lo reinicia.',
  backupNoKey:
    'No hay clave de copias de seguridad, y las copias siempre van cifradas. Quien administra el servidor de Puente crea una con «puente backup-key» y guarda una copia aparte de las copias de seguridad.',
  backupRunning: 'Ahora mismo se está haciendo una copia. Espere a que termine y vuelva a mirar la lista.',
  backupFailed:
    'No se pudo hacer la copia de seguridad. No se cambió nada. Quien administra el servidor de Puente puede ver por qué en su registro.',
  backupFailedNoSpace:
    'No se pudo hacer la copia de seguridad: el disco está lleno. No se cambió nada. Libere espacio en la carpeta de copias o elija otra.',
  backupFailedNoAccess:
    'No se pudo hacer la copia de seguridad: Puente no puede escribir en la carpeta de copias. No se cambió nada. Quien administra el servidor debe revisar el dueño y los permisos de la carpeta.',
  notMigrated: 'Puente no está listo: la base de datos aún no se ha migrado a esta versión.',
  databaseUnreachable: 'Puente no está listo: la base de datos no responde.',
  databaseSwitching:
    'La base de datos está pasando a su copia de respaldo. No se guardó nada. Intente de nuevo en unos segundos.',
  changeNotConfirmed:
    'La base de datos se detuvo mientras se guardaba este cambio, así que Puente no sabe si quedó guardado. En unos segundos, revise si está antes de ingresarlo de nuevo.',
  outboxStuck:
    'Puente no está listo: hay correos esperando en la bandeja de salida desde hace {minutes} minutos sin enviarse.',
  textsOff:
    'Los mensajes de texto no están configurados para este programa. Quien administra el servidor de Puente configura TEXT_PROVIDER.',
  textNoSender:
    'El programa no tiene un número desde el que enviar mensajes. Un administrador lo configura en Mensajes de texto.',
  textBadNumber:
    'El número de teléfono de esta persona no puede recibir mensajes tal como está escrito. Escríbalo con el código de país, por ejemplo +1 555 201 3344.',
  textNoPhone: 'Esta persona no tiene un número de teléfono para enviarle mensajes.',
  textOptedOut: 'Esta persona respondió PARAR: no se le envían mensajes hasta que responda START o SÍ.',
  textNotSafe:
    'El teléfono de esta persona está marcado como no seguro para contactar, así que no se envían mensajes.',
  referralDoNotContact:
    'La referencia dice no contactar a la persona sobre esto, así que no se envía recordatorio.',
  appointmentReferralOther: 'Esa referencia no es de esta persona. Elija una de sus propias referencias.',
  textTooLong: 'Este mensaje ocupa {segments} mensajes de texto; el máximo es {max}. Acórtelo.',
  textUnknownPlaceholder: 'La plantilla usa {names}, que Puente no puede completar. Use solo {known}.',
  textTemplateNotFound: 'Esa plantilla no existe. Vuelva a cargar la lista y elija otra vez.',
  textTemplateLanguage: 'Esa plantilla está escrita en otro idioma que el de la persona.',
  textSignatureInvalid: 'Esta solicitud no está firmada por el proveedor de mensajes de texto del programa.',
  textWebhookMalformed: 'No se pudo leer la solicitud del proveedor.',
  inboxTextNotFound:
    'Ese mensaje ya no está en la bandeja: alguien ya lo atendió. Vuelva a cargar la bandeja.',
  sheetTooLarge:
    'Este archivo pesa más de {limit}. Divida la hoja en archivos más pequeños y tráigalos uno por uno.',
  sheetTooManyRows:
    'Esta hoja tiene más de {limit} personas. Divídala en archivos más pequeños y tráigalos uno por uno.',
  sheetNotSpreadsheet:
    'Este archivo no es una hoja de cálculo que Puente pueda leer. Guárdelo como CSV (UTF-8) o Excel (.xlsx) y elíjalo otra vez.',
  sheetNotUtf8:
    'Este CSV no está guardado como UTF-8 y se perderían los acentos. Guárdelo como “CSV UTF-8” y elíjalo otra vez.',
  sheetNul:
    'Este archivo contiene caracteres NUL ocultos, que una hoja de cálculo no tiene. Expórtelo otra vez como CSV o .xlsx.',
  sheetEmpty: 'Este archivo está vacío. Elija la hoja con su lista de casos.',
  sheetNoHeader:
    'La primera fila debe nombrar las columnas (como Nombre, Teléfono, Promotora) y las personas empiezan en la segunda fila.',
  sheetNoPeople: 'Esta hoja tiene una fila de encabezados, pero nadie debajo.',
  sheetMappingNoName: 'Elija qué columna tiene el nombre de cada persona.',
  sheetMappingColumn:
    'La correspondencia nombra una columna que la hoja no tiene. Elija las columnas otra vez.',
  sheetImportNotFound: 'Esa importación no existe en su programa.',
  directorySheetEmpty:
    'Este archivo está vacío. Elija la hoja con sus servicios, o el .zip con los archivos HSDS.',
  directorySheetNoServices: 'Esta hoja tiene una fila de encabezados, pero ningún servicio debajo.',
  directorySheetNoName:
    'Puente no encontró la columna Nombre. Descargue la plantilla y deje su primera fila como está.',
  directoryZipUnreadable:
    'Este .zip no se pudo abrir, o no tiene archivos HSDS (services.csv y los demás, con datapackage.json).',
  directoryImportNotFound: 'Esa importación del directorio no existe en su programa.',
  serviceFormInvalid: 'Algunos campos necesitan atención antes de guardar el servicio.',
  serviceAlreadyListed: 'Ya hay un servicio con este nombre en esta dirección en el directorio. Edite ese.',
  logoNotAPicture: 'El archivo no es el tipo de imagen que dice ser. Envíe una imagen PNG, JPEG o WebP.',
  logoTooLarge: 'El logotipo es demasiado grande. El límite es de 200 KB.',
  logoNotFound: 'Su programa no tiene logotipo.',
  proposalNoChanges: 'No cambió nada: cambie al menos un campo antes de enviar.',
  proposalNotValid:
    'El servicio con este cambio no pasa las comprobaciones del formulario: corrija los campos indicados.',
  proposalNotFound: 'Ese cambio propuesto no existe en su programa.',
  proposalsWaiting:
    'Ya tiene {count} cambios esperando al programa. Espere su respuesta antes de proponer más.',
  proposalDecided: 'Ese cambio propuesto ya fue aprobado o rechazado.',
};
