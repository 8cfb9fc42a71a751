import { customerDetailSchema } from './customer-detail-schema.js';

export { getCustomerQuery } from './get-query.js';
export { maxEmbeddedLocations } from './customer-detail-schema.js';

/** GET /customers/{id}: the customer, with its locations only when asked (include=locations). Built on import: for tests and tools. */
export const customerDetail = customerDetailSchema();
