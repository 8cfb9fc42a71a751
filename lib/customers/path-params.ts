import * as z from 'zod/mini';
import '../zod-locale.js';
import { recordId } from '../model/record-ids.js';

/** The path of a customer's own routes (get, update): apart, so that create builds none of it. */
export const customerPathParams = z.strictObject({ customerId: recordId });
