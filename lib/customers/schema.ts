// Every customer schema is needed here: load them (lib/model/customer-schemas.ts).
import '../model/customer-schemas.js';
import { customerEntity } from '../model/customer.js';
import { customerSummarySchema } from './responses.js';

/**
 * Request and response schemas of the customer endpoints (seed 000). The
 * bodies and the customer object derive from the declaration
 * (lib/model/customer.ts); the path and query schemas of the customer
 * routes are apart (./path-params.ts, ./list-query.ts, ./get-query.ts, ./customer-detail-schema.ts).
 * Built on import: for tests and tools. Route modules take the bodies from
 * the entity when first used, so a function builds only what it parses.
 */

export { maxRecordId } from '../model/record-ids.js';
export type { CreateCustomerInput, CustomerObject, CustomerPatch, UpdateCustomerInput } from '../model/customer.js';

export const createCustomerBody = customerEntity.createBody;
/**
 * A partial update. The read-only fields of the customer object are accepted
 * too, so that a client can PUT back what GET returned; the use-case checks
 * them against the stored record and applies only the writable ones.
 */
export const updateCustomerBody = customerEntity.updateBody;
/** The customer object, field for field as seed 000 documents it. */
export const customerObject = customerEntity.object;

/** The `data` of the create and update answers (seed 000): the id and the name. */
export const customerSummary = customerSummarySchema();
