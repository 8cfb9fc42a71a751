import * as z from 'zod/mini';
import '../zod-locale.js';
import { recordId } from '../model/record-ids.js';

/** Paths of the contact routes. Malformed ids name no record, so they answer 404 like unknown ones (see validate-request). */
export const customerContactsPathParams = z.strictObject({ customerId: recordId });
export const contactPathParams = z.strictObject({ customerId: recordId, contactId: recordId });
