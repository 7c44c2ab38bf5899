import type { App } from '../app.js';
import type { TextProviderSettings } from '../features/messages/settings.js';
import { call, type Reply } from './http.js';

/**
 * A program set up to text, as the texts' integration tests start: the
 * program's zone UTC, and no quiet hours (start = end), so what is sent goes
 * at the test's own clock; quiet hours have their own test. Returns the
 * admin's answer to saving the text settings.
 */
export async function programThatTexts(
  app: App,
  adminCookie: string,
  texts: { sender: string; reminders: unknown[] },
): Promise<Reply> {
  await call(app, 'PUT', '/api/program/settings', {
    cookie: adminCookie,
    body: { followUpDaysAfterVisit: 7, noContactDays: 30, timeZone: 'UTC' },
  });
  return call(app, 'PUT', '/api/messages/settings', {
    cookie: adminCookie,
    body: { ...texts, quietStart: '00:00', quietEnd: '00:00' },
  });
}

/**
 * Twilio's settings for a test's own fake, whose address is set once the fake is up
 * (`texts.baseUrl = fake.url`, before the first text goes).
 */
export const twilioTexts = (accountSid: string, authToken: string): TextProviderSettings => ({
  kind: 'twilio',
  baseUrl: '',
  accountSid,
  authToken,
  countryCode: '1',
});
