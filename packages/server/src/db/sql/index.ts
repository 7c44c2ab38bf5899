// SQL composed by name: the tag and the fragments queries share.
export { clientScope, type ScopeSubject } from './client-scope.js';
export { displayName, isoColumn } from './columns.js';
export { partnerListings } from './listing-scope.js';
export { type Bound, bind, ident, identifier, join, Sql, sql } from './sql.js';
