import { noteEntity } from '../../model/note.js';
import { lastIdOf, partitionOf, primaryKeyOf } from '../entity-items.js';
import { customerKeys } from './customer-keys.js';

/** Keys of a note and of its customer's note count, derived from the note's declaration (lib/model/note.ts). */

export const noteKeys = {
  note: (tenantId: string, customerId: number, noteId: number) => primaryKeyOf(noteEntity, { tenant_id: tenantId, customer_id: customerId, note_id: noteId }),
  /** gsi1: one customer's notes in list order (read backwards). */
  listPartition: (tenantId: string, customerId: number) => partitionOf(noteEntity, 'gsi1', { tenant_id: tenantId, customer_id: customerId }),
  idFromListSortKey: (sk: string) => lastIdOf(noteEntity, 'gsi1', 'sk', sk),
  /**
   * How many notes the customer has: one small item in its collection
   * (NOTES sorts after every NOTE#…), so a list's total is one read and a
   * note never rewrites the customer item.
   */
  count: (tenantId: string, customerId: number) => ({ pk: customerKeys.collection(tenantId, customerId), sk: 'NOTES' }),
};
