import type { texts as en } from '../en/texts.js';

export const texts: Record<keyof typeof en, string> = {
  reminder:
    '{program}: Hola {name}, le recordamos su cita el {date} a las {time}. Responda 1 para confirmar o 2 si quiere que le llamemos. Responda PARAR para no recibir mensajes.',
  help: '{program}: mensajes sobre sus citas y de su promotora. Responda PARAR para no recibir mensajes, START o SI para recibirlos otra vez. Pueden aplicar tarifas de mensajes y datos.',
  stopped: '{program}: no le enviaremos más mensajes. Responda START o SI para recibirlos otra vez.',
  started: '{program}: recibirá nuestros mensajes otra vez. Responda PARAR para no recibirlos.',
  confirmed: '{program}: gracias, su cita está confirmada.',
  visitConfirmed: '{program}: gracias, su visita está confirmada.',
  callMe: '{program}: gracias, le llamaremos pronto.',
  programFallback: 'Su programa de salud comunitaria',
  visitReminder:
    '{program}: Hola {name}, su promotora se comunicará con usted el {date} a las {time}. Responda 1 para confirmar o 2 si necesita otro horario. Responda PARAR para no recibir mensajes.',
};
