// Writes the web app's types of the server's routes (packages/web/src/app/api-schema.d.ts)
// from the OpenAPI document the server serves, so a web call to a path, with a parameter or
// a body the server does not take fails `tsc`: `npm run docs:api`.
import { writeFile } from 'node:fs/promises';
import { apiTypes, apiTypesFile } from '@puente/server/testing';

await writeFile(apiTypesFile, await apiTypes());
