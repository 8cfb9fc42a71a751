import { customerLayout } from '../../model/customer-layout.js';
import { keyOf, lastIdOf, partitionOf, primaryKeyOf } from '../entity-items.js';

/** Keys of a customer item, derived from its declaration (lib/model/customer-layout.ts). */

export const customerKeys = {
  /** A customer and its locations share one item collection: this is its partition key. */
  collection: (tenantId: string, customerId: number) => partitionOf(customerLayout, 'primary', { tenant_id: tenantId, customer_id: customerId }),
  customer: (tenantId: string, customerId: number) => primaryKeyOf(customerLayout, { tenant_id: tenantId, customer_id: customerId }),
  /** gsi1: customers with (1) or without (0) locations, in id order. */
  located: (tenantId: string, hasLocations: boolean, customerId: number) =>
    keyOf(customerLayout, 'gsi1', { tenant_id: tenantId, location_count: hasLocations ? 1 : 0, customer_id: customerId }) as { gsi1pk: string; gsi1sk: string },
  idFromCollection: (pk: string) => lastIdOf(customerLayout, 'primary', 'pk', pk),
};

/** The keys only lists read (the created and status indexes): apart, so that location writes bundle none of them. */
export const customerListKeys = {
  /** gsi2: customers by creation time. */
  created: (tenantId: string, createdAt: string, customerId: number) =>
    keyOf(customerLayout, 'gsi2', { tenant_id: tenantId, created_at: createdAt, customer_id: customerId }) as { gsi2pk: string; gsi2sk: string },
  createdPartition: (tenantId: string) => partitionOf(customerLayout, 'gsi2', { tenant_id: tenantId }),
  /** gsi3: listed customers by status. */
  statusPartition: (tenantId: string, status: string) => partitionOf(customerLayout, 'gsi3', { tenant_id: tenantId, status }),
  locatedPartition: (tenantId: string, hasLocations: boolean) =>
    partitionOf(customerLayout, 'gsi1', { tenant_id: tenantId, location_count: hasLocations ? 1 : 0 }),
  /** The id in a gsi1sk, gsi2sk or gsi3sk value (all end with it). */
  idFromIndexSortKey: (sk: string) => lastIdOf(customerLayout, 'gsi1', 'sk', sk),
};
