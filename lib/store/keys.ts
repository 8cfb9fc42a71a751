/**
 * The key builders of the single table, all in one place for tests, tools and
 * docs. Entity keys are derived from the declarations in lib/model (their
 * composites) through ./entity-items.ts (their string format); only the
 * tenant's bookkeeping items, which are no entity, are spelled out. Store
 * modules import the one they need from ./keys/ directly, so that a function
 * bundles only the declarations it uses. Nothing outside lib/store builds a
 * key string.
 */
export { apiKeyKeys } from './keys/api-key-keys.js';
export { customerKeys, customerListKeys } from './keys/customer-keys.js';
export { emailGuardKeys, numberGuardKeys, searchTermKeys } from './keys/customer-index-keys.js';
export { locationKeys } from './keys/location-keys.js';
export { gapKeys, purgeDueKeys, tenantKeys } from './keys/tenant-keys.js';
