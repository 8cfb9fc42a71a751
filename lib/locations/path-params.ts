import * as z from 'zod/mini';
import '../zod-locale.js';
import { recordId } from '../model/record-ids.js';

/** Paths of the location routes. Malformed ids name no record, so they answer 404 like unknown ones (see validate-request). */
export const customerLocationsPathParams = z.strictObject({ customerId: recordId });
export const locationPathParams = z.strictObject({ customerId: recordId, locationId: recordId });
