import * as z from 'zod/mini';
import '../zod-locale.js';
import { locationEntity } from '../model/location.js';
import { customerObject } from './schema.js';

/** GET /customers/{id}'s answer, apart from the other customer schemas: only it embeds locations. */

/**
 * How many locations include=locations embeds: one page of the locations
 * list at its largest, so a customer answer stays bounded however many sites
 * it has. The use-case must stop there (lib/locations getCustomerWithLocations).
 */
export const maxEmbeddedLocations = 100;

/** GET /customers/{id}: the customer, with its locations only when asked (include=locations). */
export const customerDetail = z
  .extend(customerObject, {
    // Described in the OpenAPI document by lib/openapi/schema-docs.ts.
    locations: z.optional(z.array(locationEntity.object).check(z.maxLength(maxEmbeddedLocations))),
  })
  .register(z.globalRegistry, { id: 'CustomerDetail' });

/** GET /customers/{id}'s query: include=locations or nothing. */
export const getCustomerQuery = z.strictObject({
  include: z.optional(z.enum(['locations'], 'must be "locations"')),
});
