import * as z from 'zod/mini';
import '../zod-locale.js';
import { contactEntity } from './contact.js';
// The body is built from the contact's schemas: load them.
import './contact-schemas.js';
import { buildOnce } from './entity.js';

/** A contact is somebody: a first or a last name (an update's merged contact is checked in lib/contacts). */
const named = z.superRefine((body: { first_name?: string | null; last_name?: string | null }, ctx) => {
  if (!body.first_name && !body.last_name) ctx.addIssue({ code: 'custom', path: ['first_name'], message: 'first_name or last_name is required' });
});

/** POST body of a contact: the entity's create body and the rule that a contact has a name. */
export const createContactBody = buildOnce(() => contactEntity.createBody.check(named));
