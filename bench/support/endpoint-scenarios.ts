import { contactTermsOf, termsOf } from '../../lib/customers/search-terms.js';
import type { HttpAnswer } from './http-client.js';
import { generateCustomer } from './customer-generator.js';
import { seedCustomers } from './seeding.js';

/**
 * One typical request per route (keyed by operationId), and the least
 * capacity the design allows for it, explained. Routes of the route table
 * without a scenario here are listed as "n/a" by the capacity section, so a
 * new endpoint shows up as soon as it is in the table.
 *
 * Units: an eventually consistent read of ≤ 4 KB is 0.5 RCU, a strongly
 * consistent one 1 RCU; a write of ≤ 1 KB is 1 WCU, twice that inside a
 * transaction; a BatchGet rounds each item up on its own, a Query rounds the
 * sum. Every item here is under those sizes. The API-key lookup is cached in
 * a warm function (the figures are warm; a cold one adds one 0.5 RCU GetItem).
 */
export interface Minimum {
  read: number;
  write: number;
  /** One line per DynamoDB call the design needs. */
  why: string[];
}

export interface Exercise {
  label: string;
  method: string;
  path: string;
  body?: unknown;
  minimum: Minimum;
}

export interface ScenarioApi {
  call(method: string, path: string, body?: unknown): Promise<HttpAnswer>;
  tenant: string;
}

type Scenario = (api: ScenarioApi) => Promise<Exercise[]>;

const location = (name: string, zip = '75201') => ({
  location_name: name,
  address_street: '1500 Main St',
  address_city: 'Dallas',
  address_state: 'TX',
  address_zip: zip,
});

async function json(answer: Promise<HttpAnswer>, expect: number): Promise<any> {
  const res = await answer;
  if (res.status !== expect) throw new Error(`fixture request answered ${res.status}: ${res.body}`);
  return JSON.parse(res.body);
}

/**
 * Before any scenario runs: customers #1..#60 of the generator, and (once the
 * locations API is in the route table) locations 1–3 on customer #2.
 */
export async function seedFixture(api: ScenarioApi, hasLocations: boolean): Promise<void> {
  await seedCustomers(api.tenant, 1, 60);
  if (!hasLocations) return;
  for (const n of ['Main office', 'Warehouse', 'Storefront']) await json(api.call('POST', '/api/v1/customers/2/locations', location(n)), 201);
}

/** Search-term items a generated customer is indexed under (the generator's phones are +1 and ten digits; numbers are assigned, C-1xxxx). */
const termCount = (i: number) => {
  const c = generateCustomer(i).input;
  return termsOf({ name: c.customer_name, email: c.customer_email, phone: c.customer_phone, customerNumber: `C-${10_000 + i}` }).length;
};

/** Bulk deactivate / reactivate of customer #7: its status flips, so its gsi3 entry moves. */
async function statusChange(verb: 'deactivate' | 'reactivate'): Promise<Exercise[]> {
  return [
    {
      label: 'one id',
      method: 'POST',
      path: `/api/v1/customers/${verb}`,
      body: { ids: [7] },
      minimum: {
        read: 1,
        write: 2 * 2 + 2 * 2,
        why: [
          'GetItem customer, strongly consistent: 1',
          'TransactWriteItems customer Put + inactive tally shard Update, ×2: 4',
          `its gsi3 entry moves ${verb === 'deactivate' ? 'STATUS#active → STATUS#inactive' : 'back'} (delete + put), ×2: 4`,
        ],
      },
    },
  ];
}

const jane = { first_name: 'Jane', last_name: 'Doe', title: 'Operations Manager', email: 'jdoe@company.example', phone: '+15552223333', role: 'decision_maker' };
const sam = { first_name: 'Sam', last_name: 'Ortiz', email: 'ap@company.example', role: 'billing' };

export const scenarios: Record<string, Scenario> = {
  async listCustomers() {
    return [
      {
        label: 'page 1, 50 per page',
        method: 'GET',
        path: '/api/v1/customers?page=1&per_page=50',
        minimum: {
          read: 0.5 + 0.5 + 50 * 0.5,
          write: 0,
          why: [
            'GetItem tenant counters (page ids are arithmetic on the id counter): 0.5',
            'Query of the gap ranges (none here: no id of this tenant is trashed or erased): 0.5',
            'BatchGetItem of the 50 customers, each rounded to 4 KB: 50 × 0.5',
          ],
        },
      },
      {
        label: 'tag=service plan, page 1 of 10',
        method: 'GET',
        path: '/api/v1/customers?tag=service%20plan&per_page=10',
        minimum: {
          read: 0.5 + 0.5 + 10 * 0.5,
          write: 0,
          why: [
            "Query of the tag's tally shards (the total): 0.5",
            "Query of the tag's member keys up to the page's end, in parallel: 0.5",
            'BatchGetItem of the 10 customers: 10 × 0.5',
          ],
        },
      },
    ];
  },

  async getCustomer() {
    return [
      { label: 'by id', method: 'GET', path: '/api/v1/customers/1', minimum: { read: 0.5, write: 0, why: ['GetItem customer: 0.5'] } },
      {
        label: 'include=locations (3)',
        method: 'GET',
        path: '/api/v1/customers/2?include=locations',
        minimum: { read: 0.5, write: 0, why: ["one Query of the customer's item collection (customer + 3 locations, < 4 KB): 0.5"] },
      },
    ];
  },

  async createCustomer() {
    const input = generateCustomer(900_001).input;
    const terms = termCount(900_001);
    const tags = input.tags?.length ?? 0;
    return [
      {
        label: `typical (${terms} search terms, ${tags} tag)`,
        method: 'POST',
        path: '/api/v1/customers',
        body: input,
        minimum: {
          read: 0.5,
          write: 2 + 2 * (3 + terms + 2 * tags) + 2 * 3,
          why: [
            'GetItem e-mail guard (pre-check that keeps retried duplicates from burning ids; strictly optional): 0.5',
            'UpdateItem id counter, taking the id and its assigned number and marking it pending in one write: 1',
            'UpdateItem clearing the pending mark once the customer is written (what keeps totals exact through a crash): 1',
            `TransactWriteItems customer + e-mail guard + number guard + ${terms} search-term items + per tag its member item and tally shard, ×2 for a transaction: 2 × ${3 + terms + 2 * tags}`,
            "the customer's 3 index entries (gsi1 located, gsi2 created, gsi3 status), ×2 in a transaction: 6",
          ],
        },
      },
    ];
  },

  async updateCustomer() {
    const c = generateCustomer(3).input;
    const renamed = `${c.customer_name.split(' ')[0]} Renamed`;
    const termSet = (name: string) =>
      new Set(termsOf({ name, email: c.customer_email, phone: c.customer_phone }).map((t) => `${t.ns}:${t.value}`));
    const before = termSet(c.customer_name);
    const after = termSet(renamed);
    const removed = [...before].filter((t) => !after.has(t)).length;
    const added = [...after].filter((t) => !before.has(t)).length;
    return [
      {
        label: `rename "${c.customer_name}" → "${renamed}"`,
        method: 'PUT',
        path: '/api/v1/customers/3',
        body: { customer_name: renamed },
        minimum: {
          read: 1,
          write: 2 + 2 * (removed + added),
          why: [
            'GetItem customer, strongly consistent (optimistic-concurrency read): 1',
            'TransactWriteItems customer Put (index keys unchanged: no index write), ×2: 2',
            `… delete ${removed} old name term(s), put ${added} new one(s), ×2: ${2 * (removed + added)}`,
          ],
        },
      },
    ];
  },

  async deleteCustomer() {
    const terms = termCount(5);
    return [
      {
        label: `trash (${terms} search terms)`,
        method: 'DELETE',
        path: '/api/v1/customers/5',
        minimum: {
          read: 1,
          write: 2 * (1 + 2 + 1 + terms) + 2 * 3,
          why: [
            'GetItem customer, strongly consistent: 1',
            `TransactWriteItems customer Put + gap count and gap ids Updates + purge-due Put + ${terms} term Deletes, ×2: 2 × ${4 + terms}`,
            "the customer leaves its 3 index entries (gsi1, gsi2, gsi3), ×2 in a transaction: 6",
          ],
        },
      },
      {
        label: 'purge=1 (no locations)',
        method: 'DELETE',
        path: '/api/v1/customers/5?purge=1',
        minimum: {
          read: 1 + 1 + 0.5 + 1,
          write: 2 * 3 + 2 * 6,
          why: [
            'GetItem customer, strongly consistent (is it in the trash?), then again to mark the erasure begun: 1 + 1',
            "Query of its item collection's keys, strongly consistent (nothing but the customer here): 0.5",
            'TransactWriteItems customer Put (purge_started_at) + purge-due Delete + Put (due now), ×2: 6',
            'GetItem customer, strongly consistent, before the last step: 1',
            'TransactWriteItems customer, e-mail guard, number guard and purge-due Deletes + gap count and gap ids Updates, ×2: 12',
          ],
        },
      },
    ];
  },

  async restoreCustomer(api) {
    await json(api.call('DELETE', '/api/v1/customers/6'), 200);
    const terms = termCount(6);
    return [
      {
        label: `a trashed customer (${terms} search terms)`,
        method: 'POST',
        path: '/api/v1/customers/6/restore',
        minimum: {
          read: 1,
          write: 2 * (1 + 2 + 1 + terms) + 2 * 3,
          why: [
            'GetItem customer, strongly consistent: 1',
            `TransactWriteItems customer Put + gap count and gap ids Updates + purge-due Delete + ${terms} term Puts, ×2: 2 × ${4 + terms}`,
            "the customer's 3 index entries back (gsi1, gsi2, gsi3), ×2 in a transaction: 6",
          ],
        },
      },
    ];
  },

  deactivateCustomers: () => statusChange('deactivate'),
  reactivateCustomers: () => statusChange('reactivate'),

  async createLocation() {
    return [
      {
        label: "customer's first location",
        method: 'POST',
        path: '/api/v1/customers/4/locations',
        body: location('Head office', '78701'),
        minimum: {
          read: 1,
          write: 1 + 2 * 2 + 2 + 2 * 4,
          why: [
            'GetItem customer state, strongly consistent: 1',
            'UpdateItem location id counter: 1',
            'TransactWriteItems location Put + customer Update (count, primary pointer, version), ×2: 4',
            '… + the tenant located-customers tally shard, in the same transaction (first location only), ×2: 2',
            "the customer's index entries in the transaction: gsi1 moves LOCATED#0 → #1 (delete + put), gsi2's and gsi3's location_count change, ×2: 8",
          ],
        },
      },
    ];
  },

  async getLocation() {
    return [
      {
        label: 'by id',
        method: 'GET',
        path: '/api/v1/customers/2/locations/1',
        minimum: { read: 1, write: 0, why: ['GetItem location: 0.5', "GetItem customer state, in parallel (a trashed customer's locations are 404): 0.5"] },
      },
    ];
  },

  async listLocations() {
    return [
      {
        label: 'page 1 of 3 locations',
        method: 'GET',
        path: '/api/v1/customers/2/locations',
        minimum: { read: 1, write: 0, why: ['GetItem customer state (count for the total): 0.5', 'Query of the locations, < 4 KB: 0.5'] },
      },
    ];
  },

  async updateLocation() {
    return [
      {
        label: 'rename (address unchanged)',
        method: 'PUT',
        path: '/api/v1/customers/2/locations/2',
        body: { location_name: 'Warehouse (north)' },
        minimum: {
          read: 2,
          write: 1,
          why: [
            'GetItem location + GetItem customer state (in the trash?), strongly consistent, in parallel: 1 + 1',
            'UpdateItem location, conditioned on its address version: 1',
          ],
        },
      },
    ];
  },

  async deleteLocation() {
    return [
      {
        label: 'a non-primary location',
        method: 'DELETE',
        path: '/api/v1/customers/2/locations/3',
        minimum: {
          read: 2,
          write: 2 * 2 + 2 * 2,
          why: [
            'GetItem customer state + GetItem location, strongly consistent: 1 + 1',
            'TransactWriteItems location Delete + customer Update, ×2: 4',
            "the customer's gsi2 and gsi3 entries (both project location_count), ×2: 4",
          ],
        },
      },
    ];
  },

  // ---- issue 10: contacts and notes, on customer #3 ----
  async listContacts(api) {
    for (const c of [jane, sam]) await json(api.call('POST', '/api/v1/customers/3/contacts', c), 201);
    return [
      {
        label: 'page 1 of 2 contacts',
        method: 'GET',
        path: '/api/v1/customers/3/contacts',
        minimum: { read: 1.5, write: 0, why: ['BatchGetItem customer + roster (is it live; the total): 0.5 + 0.5', 'Query of the contacts, < 4 KB, in parallel: 0.5'] },
      },
    ];
  },

  async createContact() {
    const terms = contactTermsOf({ first_name: 'Pat', last_name: 'Lee', email: 'pat@lee.example', phone: '+15125550123', mobile: null }).length;
    return [
      {
        label: `a third contact (${terms} search terms)`,
        method: 'POST',
        path: '/api/v1/customers/3/contacts',
        body: { first_name: 'Pat', last_name: 'Lee', email: 'pat@lee.example', phone: '+15125550123' },
        minimum: {
          read: 2,
          write: 1 + 3 * 2 + terms * 2,
          why: [
            'BatchGetItem customer + roster, strongly consistent: 1 + 1',
            'UpdateItem counters (the contact id): 1',
            'TransactWriteItems contact Put + roster Update + customer ConditionCheck, ×2: 6',
            `its ${terms} search-term Puts in the same transaction, ×2: ${terms * 2}`,
          ],
        },
      },
    ];
  },

  async getContact() {
    return [
      {
        label: 'by id',
        method: 'GET',
        path: '/api/v1/customers/3/contacts/1',
        minimum: { read: 1.5, write: 0, why: ['GetItem contact: 0.5', 'BatchGetItem customer + roster, in parallel (a trashed customer\'s contacts are 404): 1'] },
      },
    ];
  },

  async updateContact() {
    return [
      {
        label: 'a new title (no search term changes)',
        method: 'PUT',
        path: '/api/v1/customers/3/contacts/1',
        body: { title: 'Head of Operations' },
        minimum: {
          read: 3,
          write: 2,
          why: ['GetItem contact + BatchGetItem customer + roster, strongly consistent, in parallel: 1 + 2', 'TransactWriteItems contact Put conditioned on its version, ×2: 2'],
        },
      },
    ];
  },

  async deleteContact() {
    const terms = contactTermsOf({ ...sam, title: null, phone: null, mobile: null, notes: null } as never).length;
    return [
      {
        label: `a non-primary contact (${terms} search terms)`,
        method: 'DELETE',
        path: '/api/v1/customers/3/contacts/2',
        minimum: {
          read: 3,
          write: 2 * 2 + terms * 2,
          why: [
            'GetItem contact + BatchGetItem customer + roster, strongly consistent, in parallel: 1 + 2',
            'TransactWriteItems contact Delete + roster Update, ×2: 4',
            `its ${terms} search-term Deletes, ×2: ${terms * 2}`,
          ],
        },
      },
    ];
  },

  async listNotes(api) {
    for (const n of ['Gate code 4411', 'Dog in the back yard', 'All sales NET-30']) await json(api.call('POST', '/api/v1/customers/3/notes', { body: n }), 201);
    return [
      {
        label: 'page 1 of 3 notes',
        method: 'GET',
        path: '/api/v1/customers/3/notes',
        minimum: {
          read: 1 + 0.5 + 3 * 0.5,
          write: 0,
          why: ['BatchGetItem customer + note count: 1', 'Query of gsi1 (keys only), in parallel: 0.5', 'BatchGetItem of the 3 notes: 1.5'],
        },
      },
    ];
  },

  async createNote() {
    return [
      {
        label: 'a short note',
        method: 'POST',
        path: '/api/v1/customers/3/notes',
        body: { body: 'Prefers morning visits', pinned: true },
        minimum: {
          read: 1,
          write: 1 + 3 * 2 + 1,
          why: [
            'GetItem customer, strongly consistent: 1',
            'UpdateItem counters (the note id): 1',
            'TransactWriteItems note Put + count Update + customer ConditionCheck, ×2: 6',
            'its gsi1 entry: 1',
          ],
        },
      },
    ];
  },

  async getNote() {
    return [
      {
        label: 'by id',
        method: 'GET',
        path: '/api/v1/customers/3/notes/1',
        minimum: { read: 1, write: 0, why: ['GetItem note + GetItem customer (live?), in parallel: 0.5 + 0.5'] },
      },
    ];
  },

  async updateNote() {
    return [
      {
        label: 'pin it',
        method: 'PUT',
        path: '/api/v1/customers/3/notes/1',
        body: { pinned: true },
        minimum: {
          read: 2,
          write: 1 + 2,
          why: ['GetItem note + GetItem customer, strongly consistent, in parallel: 1 + 1', 'UpdateItem note: 1', 'its gsi1 entry moves from 0#… to 1#… (delete + put): 2'],
        },
      },
    ];
  },

  async addCustomerTag() {
    return [
      {
        label: 'a new tag',
        method: 'PUT',
        path: '/api/v1/customers/3/tags/vip',
        minimum: {
          read: 1,
          write: 2 * 3,
          why: [
            'GetItem customer, strongly consistent (does it have the tag, or 20?): 1',
            'TransactWriteItems customer Update (ADD to its tag set; no index key changes) + member Put + tag tally shard Update, ×2: 6',
          ],
        },
      },
    ];
  },

  async removeCustomerTag(api) {
    await json(api.call('PUT', '/api/v1/customers/4/tags/north%20route'), 200);
    return [
      {
        label: 'a tag it has',
        method: 'DELETE',
        path: '/api/v1/customers/4/tags/north%20route',
        minimum: {
          read: 1,
          write: 2 * 3,
          why: ['GetItem customer, strongly consistent: 1', 'TransactWriteItems customer Update (DELETE from its set) + member Delete + tag tally shard Update, ×2: 6'],
        },
      },
    ];
  },

  async listTags() {
    return [
      {
        label: "the fixture's tags",
        method: 'GET',
        path: '/api/v1/tags',
        minimum: { read: 0.5, write: 0, why: ['Query of the tag tallies (a few dozen items of ~60 bytes), never the customers: 0.5'] },
      },
    ];
  },

  async deleteNote() {
    return [
      {
        label: 'by id',
        method: 'DELETE',
        path: '/api/v1/customers/3/notes/2',
        minimum: { read: 0, write: 3 * 2 + 1, why: ['TransactWriteItems note Delete + count Update + customer ConditionCheck, ×2: 6', 'its gsi1 entry: 1'] },
      },
    ];
  },
};
