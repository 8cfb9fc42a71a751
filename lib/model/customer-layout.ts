/**
 * How the customer item is keyed: its name, version and keys (its fields
 * are in ./customer.ts, which spreads this in). Apart from the field schemas
 * because location writes keep the customer item's bookkeeping (location
 * count, "has locations" index keys) and need its keys, not its request
 * schemas. A plain object: a function that imports it bundles nothing else.
 */
export const customerLayout = {
  name: 'customer',
  version: 1,
  keys: {
    /** A customer and its locations share one item collection. */
    primary: { pk: ['T', { field: 'tenant_id' }, 'C', { field: 'customer_id' }], sk: ['CUSTOMER'] },
    /** Customers with (1) or without (0) locations, in id order. */
    gsi1: {
      pk: ['T', { field: 'tenant_id' }, 'LOCATED', { field: 'location_count', as: (n: number) => (n > 0 ? 1 : 0) }],
      sk: [{ field: 'customer_id', sortsAsNumber: true }],
    },
    /** Customers by creation time. */
    gsi2: { pk: ['T', { field: 'tenant_id' }, 'CREATED'], sk: [{ field: 'created_at' }, { field: 'customer_id', sortsAsNumber: true }] },
  },
} as const;
