/**
 * Documentation text taken from seed 000 (the contract): field descriptions
 * and the example requests and responses. The schemas say what is valid;
 * this says what it means. The document test validates every example here
 * against the schema it illustrates, so an example cannot drift from the code.
 */

/** Description of a body field, response field or parameter, by name (applied where the schema has none). */
export const fieldDescriptions: Record<string, string> = {
  customer_id: 'Unique customer identifier',
  customer_name: 'Customer or company name',
  customer_email: 'Primary contact email',
  customer_phone: 'Primary contact phone (E.164 format; common US formats are accepted on input and stored as E.164)',
  default_sla_hours: 'Default SLA response time in hours',
  tax_exempt: 'Whether the customer is tax exempt (default: false)',
  tax_exemption_reason: 'Reason for tax exemption (max 255 characters)',
  created_at: 'When the record was created (ISO 8601, UTC)',
  updated_at: 'When the record was last updated (ISO 8601, UTC)',
  locations: "The customer's service locations (only with include=locations)",
  location_id: 'Unique location identifier',
  location_name: 'Name for this location',
  address_street: 'Street address',
  address_city: 'City',
  address_state: 'Two-letter state code (e.g., TX)',
  address_zip: 'ZIP code (5 digits)',
  latitude: 'Latitude (auto-geocoded; never null: the ZIP or state centroid until the geocoder answers)',
  longitude: 'Longitude (auto-geocoded; never null: the ZIP or state centroid until the geocoder answers)',
  is_primary: 'Whether this is the primary location',
  geocode_status: 'Where geocoding of the address stands',
  geocode_precision: 'How precise the coordinates are (rooftop, street, postal_code, …)',
  geocode_source: 'Which geocoder produced the coordinates',
  geocoded_at: 'When the coordinates were set (ISO 8601, UTC)',
  message: 'What happened, for people',
  data: 'The record(s)',
  pagination: 'Where this page sits in the whole result',
  page: 'Page number (default: 1)',
  per_page: 'Results per page (default: 50, max: 100)',
  total: 'Number of records matching the request',
  total_pages: 'Number of pages at this per_page',
  search: 'Search by customer name, email, or phone (every word must match the start of a word)',
  created_after: 'Only customers created after this instant (ISO 8601, e.g. 2026-01-15T00:00:00Z)',
  created_before: 'Only customers created before this instant (ISO 8601)',
  has_locations: '1: only customers with locations; 0: only customers without',
  include: '`locations` embeds the service locations in the response',
  customerId: 'The customer_id',
  tags: 'Labels, at most 20: each trimmed, lowercased, 1–40 letters, digits, spaces, - or _; duplicates folded; listed sorted',
  tag: 'A tag: trimmed and lowercased before use ("VIP" is "vip"), 1–40 letters, digits, spaces, - or _',
  customer_count: 'How many of the tenant\'s customers carry the tag (customers in the trash count in none)',
  locationId: 'The location_id',
};

/** What each tag (resource) groups; a new resource without an entry gets a plain one. */
export const tagDescriptions: Record<string, string> = {
  Customers: "A company's customers: create, read, list, search and update them",
  Locations: "A customer's service locations; each address is geocoded automatically after it is written",
  Tags: "Labels on customers: add or remove one without racing other edits, list the tenant's tags with exact counts, and list a tag's customers with GET /api/v1/customers?tag=",
};

/** An example error of each code, as the middleware words it (request_id is added by the document). */
export const errorExamples: Record<string, { message: string; details?: { field: string; issue: string }[] }> = {
  validation_failed: {
    message: 'Invalid request: customer_email must be a valid e-mail address; default_sla_hours is required',
    details: [
      { field: 'customer_email', issue: 'must be a valid e-mail address' },
      { field: 'default_sla_hours', issue: 'is required' },
    ],
  },
  duplicate_customer: {
    message: 'A customer with this email already exists',
    details: [{ field: 'customer_email', issue: 'already used by another customer: ops@acme.example' }],
  },
  unauthorized: { message: 'The X-API-Key header is required' },
  forbidden: { message: 'This API key lacks the customers:write scope' },
  not_found: { message: 'Customer not found' },
  conflict: { message: 'Customer is not in the trash' },
  route_not_found: { message: 'No route for GET /api/v1/nothing' },
  method_not_allowed: { message: 'DELETE is not allowed on /api/v1/customers' },
  payload_too_large: { message: 'Request body must be at most 65536 bytes' },
  unsupported_media_type: { message: 'Request body must be JSON (Content-Type: application/json)' },
  internal_error: { message: 'An unexpected error occurred' },
  rate_limited: { message: 'Too many requests for this API key, retry after the Retry-After delay' },
  service_unavailable: { message: 'The service is temporarily unavailable, retry shortly' },
};

export interface OperationExamples {
  request?: unknown;
  response: unknown;
}

/** Seed 000's customer 201 (its e-mail, obfuscated in the seed's page, replaced by a valid one). */
const seedAcme = {
  customer_id: 201,
  customer_name: 'Acme Corporation',
  customer_email: 'ops@acme.example',
  customer_phone: '+15551234567',
  default_sla_hours: 24,
  tax_exempt: false,
  tax_exemption_reason: null,
  created_at: '2026-01-15T10:00:00Z',
  updated_at: '2026-02-20T08:30:00Z',
  // Beyond seed 000 (issue 9), after its nine fields.
  customer_number: 'C-10201',
  customer_type: 'commercial',
  status: 'active',
  first_name: 'John',
  last_name: 'Doe',
  company_name: 'Acme Corporation',
  display_as_company: true,
  is_lead: false,
  lead_source: null,
  billing_address: { street: '123 Commerce Blvd', street2: 'Suite 400', city: 'Austin', state: 'TX', zip: '78701' },
  payment_terms: 'net30',
  tax_id: '74-1234567',
  website: 'https://acme.example',
  account_credit: 150.25,
  notes: 'Loading dock at the back; call ahead.',
  phones: [{ number: '+15551234599', label: 'mobile', sms_opt_in: true }],
  emails: [{ address: 'ap@acme.example', label: 'billing', is_billing: true }],
  custom_fields: { region: 'Central', contract: 'MSA-2026-014' },
  tags: ['maintenance plan', 'vip'],
  deleted_at: null,
};

/** Seed 000's "Main Office" location (location 87), as the API returns it with its geocoding facts. */
const seedMainOffice = {
  location_id: 87,
  location_name: 'Main Office',
  address_street: '123 Commerce Blvd',
  address_city: 'Austin',
  address_state: 'TX',
  address_zip: '78701',
  latitude: 30.2672,
  longitude: -97.7431,
  is_primary: true,
  created_at: '2026-01-15T10:00:00Z',
  updated_at: '2026-01-15T10:00:00Z',
  geocode_status: 'geocoded',
  geocode_precision: 'postal_code',
  geocode_source: 'us-zip-centroids',
  geocoded_at: '2026-01-15T10:00:02Z',
};

/** Examples by "METHOD REST-path": seed 000's, adapted to the full objects the API returns, and ours where the seed has none. */
/** Ours (issue 10), in the seed's style: a pinned note written by an API key named "office-sync". */
const exampleNote = {
  note_id: 4412,
  customer_id: 201,
  body: 'All sales NET-30',
  pinned: true,
  author: { key_id: '3f9a1c2b7d4e', name: 'office-sync' },
  created_at: '2026-01-15T10:00:00Z',
  updated_at: '2026-01-15T10:00:00Z',
};

/** Ours (issue 10): Fentu's contact, in our fields. */
const exampleContact = {
  contact_id: 3101,
  customer_id: 201,
  first_name: 'Jane',
  last_name: 'Doe',
  title: 'Operations Manager',
  email: 'jdoe@acme-corp.example',
  phone: '+15552223333',
  mobile: null,
  role: 'decision_maker',
  is_primary: true,
  notes: null,
  created_at: '2026-01-15T10:00:00Z',
  updated_at: '2026-01-15T10:00:00Z',
};

export const seedExamples: Record<string, OperationExamples> = {
  'GET /api/v1/customers': {
    response: {
      data: [seedAcme],
      pagination: { page: 1, per_page: 50, total: 1, total_pages: 1 },
      request_id: 'a1b2c3d4e5f6',
    },
  },
  'GET /api/v1/customers/{customerId}': {
    response: {
      data: seedAcme,
      request_id: 'a1b2c3d4e5f6',
    },
  },
  'POST /api/v1/customers': {
    request: {
      customer_name: 'Riverside Medical Center',
      customer_email: 'facilities@riverside-medical.example',
      customer_phone: '+15559876543',
      default_sla_hours: 24,
      tax_exempt: false,
      tax_exemption_reason: null,
    },
    response: {
      success: true,
      message: 'Customer created successfully',
      data: { customer_id: 202, customer_name: 'Riverside Medical Center', customer_number: 'C-10202' },
      request_id: 'a1b2c3d4e5f6',
    },
  },
  'PUT /api/v1/customers/{customerId}': {
    request: { customer_email: 'facilities@acme.example' },
    response: {
      success: true,
      message: 'Customer updated successfully',
      data: { customer_id: 201, customer_name: 'Acme Corporation', customer_number: 'C-10201' },
      request_id: 'a1b2c3d4e5f6',
    },
  },
  'GET /api/v1/customers/{customerId}/locations': {
    response: {
      data: [seedMainOffice],
      pagination: { page: 1, per_page: 50, total: 1, total_pages: 1 },
      request_id: 'a1b2c3d4e5f6',
    },
  },
  'POST /api/v1/customers/{customerId}/locations': {
    request: {
      location_name: 'East Wing',
      address_street: '456 Health Park Dr',
      address_city: 'Dallas',
      address_state: 'TX',
      address_zip: '75201',
    },
    response: {
      success: true,
      message: 'Location created successfully',
      data: {
        location_id: 88,
        location_name: 'East Wing',
        address_street: '456 Health Park Dr',
        address_city: 'Dallas',
        address_state: 'TX',
        address_zip: '75201',
        // Geocoding runs after the write: a new location starts pending, at its ZIP's centroid meanwhile.
        latitude: 32.79,
        longitude: -96.8,
        is_primary: false,
        created_at: '2026-02-20T08:30:00Z',
        updated_at: '2026-02-20T08:30:00Z',
        geocode_status: 'pending',
        geocode_precision: 'postal_code',
        geocode_source: 'us-zip-centroids',
        geocoded_at: null,
      },
      request_id: 'a1b2c3d4e5f6',
    },
  },
  'PUT /api/v1/customers/{customerId}/locations/{locationId}': {
    request: { location_name: 'Main Office - Renovated', address_street: '125 Commerce Blvd' },
    response: {
      success: true,
      message: 'Location updated successfully',
      data: {
        location_id: 87,
        location_name: 'Main Office - Renovated',
        address_street: '125 Commerce Blvd',
        address_city: 'Austin',
        address_state: 'TX',
        address_zip: '78701',
        // The address changed: re-geocoding is queued, and the ZIP's centroid stands in until it lands.
        latitude: 30.27,
        longitude: -97.74,
        is_primary: true,
        created_at: '2026-01-15T10:00:00Z',
        updated_at: '2026-02-20T08:30:00Z',
        geocode_status: 'pending',
        geocode_precision: 'postal_code',
        geocode_source: 'us-zip-centroids',
        geocoded_at: null,
      },
      request_id: 'a1b2c3d4e5f6',
    },
  },
  // Not in seed 000 (it has no such examples): ours, in the same style.
  'GET /api/v1/customers/{customerId}/locations/{locationId}': {
    response: {
      data: seedMainOffice,
      request_id: 'a1b2c3d4e5f6',
    },
  },
  'DELETE /api/v1/customers/{customerId}/locations/{locationId}': {
    response: { success: true, message: 'Location deleted successfully', request_id: 'a1b2c3d4e5f6' },
  },
  'DELETE /api/v1/customers/{customerId}': {
    response: { success: true, message: 'Customer moved to trash', request_id: 'a1b2c3d4e5f6' },
  },
  'POST /api/v1/customers/{customerId}/restore': {
    response: { success: true, message: 'Customer restored successfully', data: seedAcme, request_id: 'a1b2c3d4e5f6' },
  },
  'POST /api/v1/customers/deactivate': {
    request: { ids: [201, 202, 999] },
    response: {
      success: true,
      message: 'Customers deactivated',
      data: {
        results: [
          { customer_id: 201, result: 'done' },
          { customer_id: 202, result: 'already' },
          { customer_id: 999, result: 'not_found' },
        ],
      },
      request_id: 'a1b2c3d4e5f6',
    },
  },
  'GET /api/v1/customers/{customerId}/contacts': {
    response: {
      data: [exampleContact, { ...exampleContact, contact_id: 3102, first_name: 'Sam', last_name: 'Ortiz', title: null, email: 'ap@acme-corp.example', phone: null, role: 'billing', is_primary: false }],
      pagination: { page: 1, per_page: 50, total: 2, total_pages: 1 },
      request_id: 'a1b2c3d4e5f6',
    },
  },
  'POST /api/v1/customers/{customerId}/contacts': {
    request: { first_name: 'Jane', last_name: 'Doe', title: 'Operations Manager', email: 'jdoe@acme-corp.example', phone: '+1-555-222-3333', role: 'decision_maker' },
    response: { success: true, message: 'Contact created successfully', data: exampleContact, request_id: 'a1b2c3d4e5f6' },
  },
  'GET /api/v1/customers/{customerId}/contacts/{contactId}': {
    response: { data: exampleContact, request_id: 'a1b2c3d4e5f6' },
  },
  'PUT /api/v1/customers/{customerId}/contacts/{contactId}': {
    request: { mobile: '+1 (555) 444-5555', notes: 'Prefers text messages' },
    response: {
      success: true,
      message: 'Contact updated successfully',
      data: { ...exampleContact, mobile: '+15554445555', notes: 'Prefers text messages', updated_at: '2026-02-20T08:30:00Z' },
      request_id: 'a1b2c3d4e5f6',
    },
  },
  'DELETE /api/v1/customers/{customerId}/contacts/{contactId}': {
    response: { success: true, message: 'Contact deleted successfully', request_id: 'a1b2c3d4e5f6' },
  },
  'GET /api/v1/customers/{customerId}/notes': {
    response: {
      data: [exampleNote, { ...exampleNote, note_id: 4410, body: 'Gate code 4411; dog in the back yard.', pinned: false, created_at: '2026-01-10T09:00:00Z', updated_at: '2026-01-10T09:00:00Z' }],
      pagination: { page: 1, per_page: 50, total: 2, total_pages: 1 },
      request_id: 'a1b2c3d4e5f6',
    },
  },
  'POST /api/v1/customers/{customerId}/notes': {
    request: { body: 'All sales NET-30', pinned: true },
    response: { success: true, message: 'Note created successfully', data: exampleNote, request_id: 'a1b2c3d4e5f6' },
  },
  'GET /api/v1/customers/{customerId}/notes/{noteId}': {
    response: { data: exampleNote, request_id: 'a1b2c3d4e5f6' },
  },
  'PUT /api/v1/customers/{customerId}/notes/{noteId}': {
    request: { body: 'All sales NET-15 from March', pinned: true },
    response: {
      success: true,
      message: 'Note updated successfully',
      data: { ...exampleNote, body: 'All sales NET-15 from March', updated_at: '2026-02-20T08:30:00Z' },
      request_id: 'a1b2c3d4e5f6',
    },
  },
  'DELETE /api/v1/customers/{customerId}/notes/{noteId}': {
    response: { success: true, message: 'Note deleted successfully', request_id: 'a1b2c3d4e5f6' },
  },
  'PUT /api/v1/customers/{customerId}/tags/{tag}': {
    response: { success: true, message: 'Tag added successfully', data: { customer_id: 201, tags: ['maintenance plan', 'pool service', 'vip'] }, request_id: 'a1b2c3d4e5f6' },
  },
  'DELETE /api/v1/customers/{customerId}/tags/{tag}': {
    response: { success: true, message: 'Tag removed successfully', data: { customer_id: 201, tags: ['maintenance plan'] }, request_id: 'a1b2c3d4e5f6' },
  },
  'GET /api/v1/tags': {
    response: {
      data: [
        { tag: 'maintenance plan', customer_count: 312 },
        { tag: 'pool service', customer_count: 87 },
        { tag: 'vip', customer_count: 24 },
      ],
      pagination: { page: 1, per_page: 50, total: 3, total_pages: 1 },
      request_id: 'a1b2c3d4e5f6',
    },
  },
  'POST /api/v1/customers/reactivate': {
    request: { ids: [201] },
    response: { success: true, message: 'Customers reactivated', data: { results: [{ customer_id: 201, result: 'done' }] }, request_id: 'a1b2c3d4e5f6' },
  },
};
