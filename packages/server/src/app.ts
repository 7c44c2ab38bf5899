import { PuenteError } from '@puente/core';
import type { Config } from './config.js';
import type { Database } from './db/types.js';
import { accountRoutes } from './features/accounts/routes.js';
import { crisisRoutes } from './features/alerts/crisis-routes.js';
import { alertRoutes } from './features/alerts/routes.js';
import { auditRoutes } from './features/audit/routes.js';
import { mountFormSignIn } from './features/auth/form-routes.js';
import { authRoutes } from './features/auth/routes.js';
import { backupRoutes } from './features/backup/routes.js';
import { carePlanRoutes } from './features/care-plan/routes.js';
import { caseloadImportRoutes } from './features/caseload-import/routes.js';
import { clientRoutes } from './features/clients/routes.js';
import { consentRoutes } from './features/consents/routes.js';
import { resourceLinkRoutes } from './features/directory/resource-link-routes.js';
import { directoryRoutes } from './features/directory/routes.js';
import { directorySliceRoutes } from './features/directory/slice-routes.js';
import { synonymRoutes } from './features/directory/synonym-routes.js';
import { educationPublicRoutes } from './features/education/public-routes.js';
import { educationRoutes } from './features/education/routes.js';
import { encounterRoutes } from './features/encounters/routes.js';
import { fhirClientRoutes } from './features/fhir/client-routes.js';
import { fhirRoutes } from './features/fhir/routes.js';
import { healthRoutes } from './features/health/routes.js';
import { hsdsRoutes } from './features/hsds/api.js';
import { hsdsImportExportRoutes } from './features/hsds/routes.js';
import { intakeRoutes } from './features/intake/routes.js';
import { listingProposalRoutes } from './features/listing-proposals/routes.js';
import { messageHookRoutes } from './features/messages/hooks.js';
import { messageRoutes } from './features/messages/routes.js';
import { startProcessMetrics } from './features/metrics/registry.js';
import { metricsRoutes } from './features/metrics/routes.js';
import { newsRoutes } from './features/news/routes.js';
import { outreachPublicRoutes } from './features/outreach/public-routes.js';
import { outreachRoutes } from './features/outreach/routes.js';
import { referralRoutes } from './features/referrals/routes.js';
import { reportRoutes } from './features/reports/routes.js';
import { riskFlagRoutes } from './features/risk-flags/routes.js';
import { safetyPlanRoutes } from './features/safety-plans/routes.js';
import { screeningRoutes } from './features/screenings/routes.js';
import { sessionRoutes } from './features/sessions/routes.js';
import { settingsRoutes } from './features/settings/routes.js';
import { setupRoutes } from './features/setup/routes.js';
import { privateLinkRoutes } from './features/sharing/routes.js';
import { activityRoutes } from './features/supervision/activity-routes.js';
import { supervisionRoutes } from './features/supervision/routes.js';
import { teamRoutes } from './features/supervision/team-routes.js';
import { syncRoutes } from './features/sync/routes.js';
import { taskRoutes } from './features/tasks/routes.js';
import { twoFactorRoutes } from './features/two-factor/routes.js';
import { userRoutes } from './features/users/routes.js';
import { apiDocument } from './http/api-document.js';
import { uploadOf } from './http/file-upload.js';
import { inputGuard } from './http/input-guard.js';
import { bodyLimitByLength, compressOver, sizedJson } from './http/node-fast-path.js';
import { createRouter } from './http/openapi.js';
import { asPuenteError, problemResponse } from './http/problem.js';
import { requestLog } from './http/request-log.js';
import { requestScope } from './http/scope.js';
import { loadSession, sameOriginJson, securityHeaders } from './http/security.js';
import { serveWeb } from './http/web.js';
import type { Logger } from './log.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface AppDeps {
  db: Database;
  config: Config;
  log: Logger;
}

/** Builds the whole HTTP app without listening: tests call `app.request(...)`. */
export function buildApp({ db, config, log }: AppDeps) {
  const app = createRouter();

  app.use('*', async (c, next) => {
    c.set('db', db);
    c.set('config', config);
    c.set('log', log);
    await next();
  });
  // A request id on every answer and every log line, and one access line per request.
  app.use('*', requestLog);
  if (config.metricsToken) startProcessMetrics();
  // Phones on prepaid data: every response over 1 KB goes gzip-compressed.
  app.use('*', compressOver(1024));
  // Inside the compression: JSON answers declare their length, so small ones are not gzipped.
  // A middleware before this one gives its headers through answerHeaders(), never c.header().
  app.use('*', sizedJson);
  app.use('*', securityHeaders);
  const apiLimit = bodyLimitByLength({
    maxSize: BODY_LIMIT_BYTES,
    onError: () => {
      throw new PuenteError(413, 'errors.tooLarge', { limit: '1 MB' });
    },
  });
  // A file posted to an upload route is held to that route's own limit (http/file-upload.ts).
  app.use('/api/*', (c, next) => (uploadOf(c) ? next() : apiLimit(c, next)));
  app.use('/api/*', sameOriginJson);
  app.use('/api/*', inputGuard);
  app.use('/hsds/*', inputGuard);
  app.use('/api/*', loadSession);
  app.use('/hsds/*', loadSession);
  // One scope per request (database, caller, address, language, request id), read by handlers with scopeOf(c).
  app.use('*', requestScope);

  const features = [
    healthRoutes,
    authRoutes,
    twoFactorRoutes,
    sessionRoutes,
    userRoutes,
    accountRoutes,
    teamRoutes,
    auditRoutes,
    settingsRoutes,
    setupRoutes,
    clientRoutes,
    caseloadImportRoutes,
    consentRoutes,
    encounterRoutes,
    carePlanRoutes,
    taskRoutes,
    riskFlagRoutes,
    supervisionRoutes,
    activityRoutes,
    screeningRoutes,
    crisisRoutes,
    alertRoutes,
    safetyPlanRoutes,
    directoryRoutes,
    listingProposalRoutes,
    synonymRoutes,
    hsdsImportExportRoutes,
    resourceLinkRoutes,
    privateLinkRoutes,
    hsdsRoutes,
    referralRoutes,
    intakeRoutes,
    syncRoutes,
    newsRoutes,
    messageRoutes,
    directorySliceRoutes,
    educationRoutes,
    educationPublicRoutes,
    outreachRoutes,
    outreachPublicRoutes,
    reportRoutes,
    fhirClientRoutes,
    backupRoutes,
  ];
  for (const feature of features) {
    app.route('/', feature);
  }
  // Clinics' systems, not people: Bearer API clients instead of sessions, OperationOutcome instead of problem details.
  app.route('/', fhirRoutes);
  // Text-message providers' callbacks, outside /api: a provider signs its forms, it has no session.
  app.route('/', messageHookRoutes);
  // Prometheus, outside /api: a scraper has a token, not a session.
  app.route('/', metricsRoutes);

  // Made once, at the first request: every route is registered by then.
  let document: ReturnType<typeof apiDocument> | undefined;
  app.get('/api/openapi.json', (c) => {
    document ??= apiDocument(app, config.publicUrl);
    return c.json(document);
  });

  // The sign-in form painted into the page posts here before the app's script has loaded.
  mountFormSignIn(app);
  serveWeb(app, config);

  app.notFound((c) => problemResponse(c, new PuenteError(404, 'errors.notFound')));
  app.onError((error, c) => {
    const known = asPuenteError(error);
    if (known) return problemResponse(c, known);
    // Log the failure by kind and place only: the message may carry a person's data.
    const code = (error as { code?: unknown }).code;
    const frames = error.stack?.split('\n').slice(1).join('\n');
    c.get('log').error(
      { err: { name: error.name, code, frames }, method: c.req.method, route: c.req.routePath },
      'request failed',
    );
    return problemResponse(c, new PuenteError(500, 'errors.internal'));
  });
  return app;
}

export type App = ReturnType<typeof buildApp>;
