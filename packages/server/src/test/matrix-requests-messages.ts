// The authorization matrix's requests for text messages (not used by the server). The matrix's
// server has no text provider: a caller past the permission and the person's scope is told texts are
// off (409 textsOff), as far as anyone gets here; messages/*.int.test.ts send through provider fakes.
import { personal, type Recipe, withBody } from './matrix-recipes.js';

const textsOff: Recipe['statusOf'] = (reply) =>
  reply.status === 409 && reply.body.code === 'textsOff' ? 200 : reply.status;

const template = { kind: 'message', name: 'Saludo', language: 'es', body: 'Hola {name}, soy de {program}.' };

export const messageRecipes: Record<string, Recipe> = {
  'GET /api/clients/{id}/messages': personal(),
  'POST /api/clients/{id}/messages': { ...personal(() => ({ text: 'Hola' })), statusOf: textsOff },
  'GET /api/clients/{id}/appointment-reminders': personal(),
  'GET /api/messages/counts': {
    make: (_w, _kind, _caller, path) => ({ path: `${path}?from=2026-01-01&to=2026-12-31` }),
  },
  'PUT /api/messages/settings': withBody(() => ({
    sender: null,
    reminders: [{ daysBefore: 1, at: '18:00' }],
    quietStart: '21:00',
    quietEnd: '08:00',
  })),
  'POST /api/messages/templates': withBody(() => template),
  'POST /api/messages/inbox/{messageId}': {
    make: (_w, _kind, _caller, path) => ({
      path: path.replace('{messageId}', '00000000-0000-7000-8000-000000000000'),
      body: { handled: true },
    }),
  },
  'PUT /api/messages/templates/{templateId}': {
    make: (_w, _kind, _caller, path) => ({
      path: path.replace('{templateId}', '00000000-0000-7000-8000-000000000000'),
      body: template,
    }),
  },
};
