import type { FuzzIds } from './hostile-requests.js';

/**
 * The records fuzzed requests aim at: a few customers with locations, made
 * through the API itself, so that part of every run reaches the use-cases
 * and the store instead of stopping at a 404.
 */
export async function createFuzzRecords(baseUrl: string, key: string): Promise<FuzzIds> {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { data?: { customer_id?: number; location_id?: number; contact_id?: number; note_id?: number } };
    if (res.status !== 201) throw new Error(`fixture: POST ${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json.data!;
  };
  const ids: FuzzIds = { customerIds: [], locationIds: [], contactIds: [], noteIds: [] };
  for (let i = 1; i <= 3; i++) {
    const { customer_id } = await post('/api/v1/customers', {
      customer_name: `Fixture Customer ${i}`,
      customer_email: `fixture-${i}@fuzz.example`,
      customer_phone: `+1555123456${i}`,
      default_sla_hours: 24,
    });
    ids.customerIds.push(customer_id!);
    for (let j = 1; j <= 2; j++) {
      const { location_id } = await post(`/api/v1/customers/${customer_id}/locations`, {
        location_name: `Site ${j}`,
        address_street: `${j}00 Main St`,
        address_city: 'Austin',
        address_state: 'TX',
        address_zip: '78701',
      });
      ids.locationIds.push(location_id!);
      const { contact_id } = await post(`/api/v1/customers/${customer_id}/contacts`, { first_name: `Person ${j}`, email: `person-${i}-${j}@fuzz.example` });
      ids.contactIds.push(contact_id!);
      const { note_id } = await post(`/api/v1/customers/${customer_id}/notes`, { body: `Note ${j}`, pinned: j === 1 });
      ids.noteIds.push(note_id!);
    }
  }
  return ids;
}
