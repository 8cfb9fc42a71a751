// The document describes every customer schema: load them (lib/model/customer-schemas.ts).
import '../model/customer-schemas.js';
import * as z from 'zod/mini';
import { customerDetailSchema, maxEmbeddedLocations } from '../customers/customer-detail-schema.js';
import { customerEntity, customerLimits } from '../model/customer.js';
import { pageLimits, pageQuery } from '../model/paging.js';
import { maxRecordId, recordId } from '../model/record-ids.js';
import { locationEntity } from '../model/location.js';
import { contactEntity, contactLimits } from '../model/contact.js';
import { createContactBody } from '../model/contact-create-body.js';
import { noteEntity } from '../model/note.js';
import { customerTagPathParams } from '../customers/tag-requests.js';
import { tagLimits } from '../model/tags.js';

/**
 * What the OpenAPI document says about schemas beyond their rules:
 * descriptions, and overrides where a schema is documented as what a client
 * sends rather than as what it parses into. Registered here, by the document
 * generator, not beside the schemas: every string of metadata there would be
 * bundled into every function that validates with them, and no function reads
 * it (~2 kB of getCustomer). Keyed by the very schema objects that validate
 * requests, so the document still describes exactly those.
 */

/** Overrides tell zod-openapi what to write instead of what it would derive (a string pipe is a client's integer, say). */
const integerSent = (maximum: number) => ({ override: { type: 'integer', minimum: 1, maximum, pattern: undefined } });

const provisional = 'until the geocoder answers, and when it cannot, the ZIP or state centroid, as geocode_precision says';
const coordinateNote = 'Pins the location manually (send both or neither); rounded to 7 decimal places (about 1 cm) when stored.';
const readOnlyNotes = {
  customer: 'Read-only: may be sent back as GET returned it; a value other than the current one is rejected',
  location: 'Read-only: accepted, so that an object as GET returned it can be sent back, only when equal to the current value',
  contact: 'Read-only: accepted, so that an object as GET returned it can be sent back, only when equal to the current value',
  note: 'Read-only: accepted, so that an object as GET returned it can be sent back, only when equal to the current value',
};

const inner = (schema: unknown) => (schema as { def: { innerType: z.core.$ZodType } }).def.innerType;
const shapeOf = (schema: unknown) => (schema as { def: { shape: Record<string, z.core.$ZodType> } }).def.shape;

function schemaDocs(): [z.core.$ZodType, Record<string, unknown>][] {
  const l = locationEntity.fields;
  const docs: [z.core.$ZodType, Record<string, unknown>][] = [
    // Ids in paths and page numbers are strings on the wire, integers to a client.
    [recordId, integerSent(maxRecordId)],
    [inner(pageQuery.page), integerSent(pageLimits.page)],
    [inner(pageQuery.per_page), integerSent(pageLimits.perPage)],
    // Trimmed, then checked: documented as what a client sends.
    [customerEntity.fields.customer_email.input, { override: { type: 'string', format: 'email', maxLength: customerLimits.email } }],
    [
      l.address_state.input,
      {
        description: 'Two-letter USPS code of a state, DC or territory (e.g., TX); any case in, uppercase out',
        override: { pattern: '^\\s*[A-Za-z]{2}\\s*$', maxLength: 16 },
      },
    ],
    // The pattern already bounds it; the lengths are documented for clients that read only those.
    [l.address_zip.input, { override: { minLength: 5, maxLength: 5 } }],
    [shapeOf(inner(customerEntity.fields.billing_address.input)).zip!, { override: { minLength: 5, maxLength: 5 } }],
    [
      shapeOf(inner(customerEntity.fields.billing_address.input)).state!,
      { description: 'Two-letter USPS code, as a location\'s address_state', override: { pattern: '^\\s*[A-Za-z]{2}\\s*$', maxLength: 16 } },
    ],
    [l.latitude.input, { description: coordinateNote }],
    [l.longitude.input, { description: coordinateNote }],
    [l.latitude.output, { description: `Latitude (auto-geocoded; never null: ${provisional})` }],
    [l.longitude.output, { description: `Longitude (auto-geocoded; never null: ${provisional})` }],
    [
      l.geocode_precision.output,
      {
        description:
          'How precisely the coordinates pin the address: rooftop, interpolated, street, postal_code (ZIP centroid), locality (town), region (state centroid), manual (pinned by the client)',
      },
    ],
    [l.geocode_source.output, { description: 'Where the coordinates come from: amazon-location, us-zip-centroids, us-state-centroids or client' }],
    [
      l.geocoded_at.output,
      { description: 'When the geocoder answered or the client pinned the location (ISO 8601, UTC); null while pending and after failed' },
    ],
    [
      shapeOf(customerDetailSchema()).locations!,
      {
        description: `With include=locations: the primary location first, then by location_id, at most ${maxEmbeddedLocations}. When ${maxEmbeddedLocations} come back there may be more: GET /api/v1/customers/{customerId}/locations pages through all of them.`,
      },
    ],
    [
      shapeOf(customerDetailSchema()).contacts!,
      { description: `With include=contacts: every contact of the customer (at most ${contactLimits.perCustomer}), the primary first, then by contact_id.` },
    ],
    [createContactBody(), { description: 'A contact needs a first_name or a last_name. The first contact of a customer is its primary whatever is_primary says.' }],
    [contactEntity.fields.role.output, { description: 'What the contact is to the customer: billing (pays), site (lets the crew in), decision_maker, or other' }],
    // Any text reaches the use-case, which answers a 400 naming `tag` (lib/customers/tags.ts); what a valid one can be, as sent:
    [customerTagPathParams.shape.tag, { override: { minLength: 1, maxLength: tagLimits.sent } }],
    [noteEntity.fields.author.output, { description: 'The API key that wrote the note: its 12-character key_id and its name' }],
    [noteEntity.fields.pinned.output, { description: 'Pinned notes list first (newest first among them), then the others, newest first' }],
  ];
  for (const [entity, note] of [
    [customerEntity, readOnlyNotes.customer],
    [locationEntity, readOnlyNotes.location],
    [contactEntity, readOnlyNotes.contact],
    [noteEntity, readOnlyNotes.note],
  ] as const) {
    // A PUT body must carry at least one field; its read-only fields are described as such.
    docs.push([entity.updateBody, { override: { minProperties: 1 } }]);
    for (const name of entity.fieldNames.readOnly) docs.push([shapeOf(entity.updateBody)[name]!, { description: note }]);
  }
  return docs;
}

let registered = false;

/** Registers the metadata above in zod's global registry, once; the document generator calls it first. */
export function registerSchemaDocs(): void {
  if (registered) return;
  registered = true;
  for (const [schema, meta] of schemaDocs()) z.globalRegistry.add(schema, { ...z.globalRegistry.get(schema), ...meta });
}
