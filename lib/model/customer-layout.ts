/**
 * How the customer item is keyed: its name, version and keys (its fields
 * are in ./customer.ts, which spreads this in). Apart from the field schemas
 * because location writes keep the customer item's bookkeeping (location
 * count, "has locations" index keys) and need its keys, not its request
 * schemas. A plain object: a function that imports it bundles nothing else.
 */
/** A trashed customer (deleted_at set) leaves the list indexes: lists, filters and counts never see it. */
const listed = (values: Record<string, unknown>) => !values.deleted_at;

export const customerLayout = {
  name: 'customer',
  version: 1,
  keys: {
    /** A customer and its locations share one item collection. */
    primary: { pk: ['T', { field: 'tenant_id' }, 'C', { field: 'customer_id' }], sk: ['CUSTOMER'] },
    /** Customers with (1) or without (0) locations, in id order; like every list index, without trashed customers. */
    gsi1: {
      when: listed,
      pk: ['T', { field: 'tenant_id' }, 'LOCATED', { field: 'location_count', as: (n: number) => (n > 0 ? 1 : 0) }],
      sk: [{ field: 'customer_id', sortsAsNumber: true }],
    },
    /** Customers by creation time. */
    gsi2: { when: listed, pk: ['T', { field: 'tenant_id' }, 'CREATED'], sk: [{ field: 'created_at' }, { field: 'customer_id', sortsAsNumber: true }] },
    /** Customers by status (active | inactive), in id order. */
    gsi3: { when: listed, pk: ['T', { field: 'tenant_id' }, 'STATUS', { field: 'status' }], sk: [{ field: 'customer_id', sortsAsNumber: true }] },
  },
} as const;
