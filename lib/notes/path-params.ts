import * as z from 'zod/mini';
import '../zod-locale.js';
import { recordId } from '../model/record-ids.js';

/** Paths of the note routes. Malformed ids name no record, so they answer 404 like unknown ones (see validate-request). */
export const customerNotesPathParams = z.strictObject({ customerId: recordId });
export const notePathParams = z.strictObject({ customerId: recordId, noteId: recordId });
