import * as z from 'zod/mini';
import '../zod-locale.js';
import { customerEntity } from '../model/customer.js';
import { buildOnce } from '../model/entity.js';

/**
 * The create and update answers' schema (./customer-detail-schema.ts has GET's).
 * Builders, each building once: a function never parses its own responses
 * (tsc checks them, the OpenAPI document and the contract tests read these),
 * so a Lambda never builds them.
 */

/** The `data` of the create and update answers: seed 000's id and name, then the customer_number (the assigned one, on create). */
export const customerSummarySchema = buildOnce(() =>
  z.pick(customerEntity.object, { customer_id: true, customer_name: true, customer_number: true }).register(z.globalRegistry, { id: 'CustomerSummary' }),
);
