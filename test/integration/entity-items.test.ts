import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKey } from '../../lib/api-keys/api-keys.js';
import { createCustomer, updateCustomer } from '../../lib/customers/customers.js';
import { purgeCustomer, restoreCustomer, setCustomerStatuses, trashCustomer } from '../../lib/customers/lifecycle.js';
import { createCustomerBody, updateCustomerBody } from '../../lib/customers/schema.js';
import { createContact, updateContact } from '../../lib/contacts/contacts.js';
import { createLocation, deleteLocation, updateLocation } from '../../lib/locations/locations.js';
import { contactEntity } from '../../lib/model/contact.js';
import { createContactBody } from '../../lib/model/contact-create-body.js';
import { noteEntity } from '../../lib/model/note.js';
import { createNote, updateNote } from '../../lib/notes/notes.js';
import { createLocationBody, updateLocationBody } from '../../lib/locations/schema.js';
import type { Store } from '../../lib/store/client.js';
import { useFreshTable } from '../support/fresh-table.js';

let store: Store;
beforeAll(async () => {
  store = await useFreshTable('items');
});

async function allItems(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await store.doc.send(new ScanCommand({ TableName: store.tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

describe('items in the table', () => {
  it('every item any write path leaves behind names its entity and the version of its shape', async () => {
    const tenant = 'markers';
    const c = await createCustomer(tenant, createCustomerBody.parse({
      customer_name: 'Riverside Medical', customer_email: 'ops@riverside.example', customer_phone: '+12025550100', default_sla_hours: 4,
    }));
    await updateCustomer(tenant, c.customer_id, updateCustomerBody.parse({ customer_name: 'Riverside Clinic', customer_email: 'desk@riverside.example' }));
    const address = { location_name: 'East', address_street: '1 Main St', address_city: 'Dallas', address_state: 'TX', address_zip: '75201' };
    const first = await createLocation(tenant, c.customer_id, createLocationBody.parse(address));
    const second = await createLocation(tenant, c.customer_id, createLocationBody.parse({ ...address, location_name: 'West', is_primary: true }));
    await updateLocation(tenant, c.customer_id, first.location_id, updateLocationBody.parse({ address_city: 'Austin' }));
    await deleteLocation(tenant, c.customer_id, second.location_id);
    // Contacts (their roster and search terms) and notes (their count).
    const contact = await createContact(tenant, c.customer_id, createContactBody().parse({ first_name: 'Jane', email: 'jane@riverside.example' }));
    await updateContact(tenant, c.customer_id, contact.contact_id, contactEntity.updateBody.parse({ last_name: 'Doe' }));
    const note = await createNote(tenant, c.customer_id, noteEntity.createBody.parse({ body: 'Gate code 4411' }), { keyId: 'aaaaaaaaaaaa', name: 'sync' });
    await updateNote(tenant, c.customer_id, note.note_id, noteEntity.updateBody.parse({ pinned: true }));
    // The trash and the bulk status writes: one customer trashed, restored and trashed again (left in the trash), one erased.
    await setCustomerStatuses(tenant, [c.customer_id], 'inactive');
    await trashCustomer(tenant, c.customer_id);
    await restoreCustomer(tenant, c.customer_id);
    await trashCustomer(tenant, c.customer_id);
    const gone = await createCustomer(tenant, createCustomerBody.parse({
      customer_name: 'Gone Soon', customer_email: 'gone@riverside.example', customer_phone: '+12025550101', default_sla_hours: 4, customer_number: 'G-1',
    }));
    await trashCustomer(tenant, gone.customer_id);
    await purgeCustomer(tenant, gone.customer_id);
    await createCustomer(tenant, createCustomerBody.parse({
      customer_name: 'Stays Listed', customer_email: 'stays@riverside.example', customer_phone: '+12025550102', default_sla_hours: 4,
    }));
    const key = await createApiKey({ tenantId: tenant, name: 'sync', scopes: ['customers:read'] });
    await revokeApiKey(key.record.key_id);

    const items = await allItems();
    const entities = new Set(items.map((i) => i.entity));
    expect([...entities].sort()).toEqual([
      'api_key', 'contact', 'contact_roster', 'contact_term', 'customer', 'email_guard', 'gap_ids', 'gap_range', 'location', 'note', 'note_count', 'number_guard', 'purge_due', 'tally', 'tenant_counters', 'term',
    ]);
    const unmarked = items.filter((i) => typeof i.entity !== 'string' || i.entity_version !== 1);
    expect(unmarked).toEqual([]);
  });
});
