// How the authorization matrix calls each route (not used by the server): the
// path parameters and a valid minimal body, so that a refusal comes from the
// permission or the scope, never from validation. The recipes are kept by
// concept in matrix-requests-*.ts, their building blocks in matrix-recipes.ts.

import { hsdsItem, hsdsPublic, type Recipe } from './matrix-recipes.js';
import { accessRecipes } from './matrix-requests-access.js';
import { caseworkRecipes } from './matrix-requests-casework.js';
import { messageRecipes } from './matrix-requests-messages.js';
import { programRecipes } from './matrix-requests-program.js';

export type { MatrixRequest, Recipe } from './matrix-recipes.js';

/** Routes that need more than their path as written; every other route is called as it is. */
export const recipes: Record<string, Recipe> = {};
for (const group of [accessRecipes, caseworkRecipes, programRecipes, messageRecipes]) {
  for (const [key, recipe] of Object.entries(group)) {
    if (recipes[key]) throw new Error(`two recipes for ${key}`);
    recipes[key] = recipe;
  }
}

/** The recipe of a route: its own, the HSDS ones by shape, or the path as written. */
export function recipeFor(key: string): Recipe {
  const own = recipes[key];
  if (own) return own;
  const template = key.split(' ')[1] ?? '';
  if (template.startsWith('/hsds/o/{slug}')) return hsdsPublic;
  if (template.startsWith('/hsds/') && template.includes('{id}')) return hsdsItem;
  return { make: (_w, _k, _c, t) => ({ path: t }) };
}
