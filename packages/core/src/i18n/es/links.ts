import type { links as en } from '../en/links.js';

export const links: Record<keyof typeof en, string> = {
  tab: 'Enlaces privados',
  title: 'Enlaces privados',
  intro:
    'Enlaces enviados a esta persona: un plan de seguridad, un tema o una página de servicios. Un enlace anulado deja de abrirse al instante.',
  none: 'Todavía no se ha enviado ningún enlace',
  noneHint: 'Aquí aparecen los enlaces que haga desde el plan de seguridad, Aprender o el directorio.',
  offline:
    'No tiene conexión. Para ver o anular los enlaces privados hace falta conexión. Intente de nuevo cuando tenga señal.',
  plan: 'Plan de seguridad, versión {version}',
  topic: 'Tema: {title}',
  services_one: 'Página de 1 servicio',
  services_other: 'Página de {count} servicios',
  state_active: 'Activo',
  state_expired: 'Vencido',
  state_revoked: 'Anulado',
  sent: 'Enviado el {when} por {by}, en {language}',
  channel_whatsapp: 'Por WhatsApp',
  channel_sms: 'Por mensaje de texto',
  channel_print: 'Impreso',
  channel_link: 'Como enlace',
  opensUntil: 'Se abre hasta el {when}',
  expiredOn: 'Venció el {when}',
  revokedBy: 'Anulado el {when} por {by}',
  revoke: 'Anular',
  revokeNamed: 'Anular el enlace: {what}',
  revokeConfirm:
    '¿Anular este enlace? Deja de abrirse al instante. La persona necesitará un enlace nuevo para verlo otra vez.',
  revokeYes: 'Sí, anularlo',
  revokeNo: 'Conservarlo',
  revoked: 'Enlace anulado. Ya no se abre.',
};
