import * as z from 'zod/mini';
import '../zod-locale.js';
import { customerEntity } from '../model/customer.js';
import { contactEntity, contactLimits } from '../model/contact.js';
import { locationEntity } from '../model/location.js';
import { buildOnce } from '../model/entity.js';

/**
 * How many locations include=locations embeds: one page of the locations
 * list at its largest, so a customer answer stays bounded however many sites
 * it has. The use-case must stop there (lib/locations getCustomerWithLocations).
 */
export const maxEmbeddedLocations = 100;

/** Built once, when first read: by the OpenAPI document and the tests, never by a Lambda (tsc checks the answers). */
/** GET /customers/{id}: the customer, with its locations and contacts only when asked (include=locations, include=contacts). */
export const customerDetailSchema = buildOnce(() =>
  z
    .extend(customerEntity.object, {
      // Described in the OpenAPI document by lib/openapi/schema-docs.ts.
      locations: z.optional(z.array(locationEntity.object).check(z.maxLength(maxEmbeddedLocations))),
      contacts: z.optional(z.array(contactEntity.object).check(z.maxLength(contactLimits.perCustomer))),
    })
    .register(z.globalRegistry, { id: 'CustomerDetail' }),
);
