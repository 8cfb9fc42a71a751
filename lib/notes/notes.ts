import { NotFoundError } from '../errors.js';
import { toStoredInstant } from '../instants.js';
import { noteEntity, type CreateNoteInput, type NoteObject, type NoteRecord, type UpdateNoteInput } from '../model/note.js';
import { customerPresence } from '../store/customer-presence.js';
import { noteReads, noteWrites, type NoteChanges } from '../store/note-store.js';
import type { ListNotesQuery } from './list-query.js';

/**
 * A customer's notes. A note is reached only through its own customer under
 * its own tenant (its key holds both): any other customer's URL names no
 * such note and answers 404, changing nothing (unlike Kickserv's, which
 * deletes a note through any customer's URL). A trashed customer's notes
 * answer 404 like the customer.
 */

/** Who writes a note: the API key, by id and name. */
export interface NoteAuthor {
  keyId: string;
  name: string;
}

/** The note's object; its author's fields in their documented order (DynamoDB keeps no key order in a map). */
export const toNoteObject = (n: NoteRecord): NoteObject => noteEntity.toApiObject({ ...n, author: { key_id: n.author.key_id, name: n.author.name } });

async function customerOrNotFound(tenantId: string, customerId: number, consistent = false): Promise<void> {
  if (!(await customerPresence.isLive(tenantId, customerId, consistent))) throw new NotFoundError('Customer');
}

export async function createNote(tenantId: string, customerId: number, input: CreateNoteInput, author: NoteAuthor, now = () => new Date()): Promise<NoteObject> {
  // Checked before allocating, so requests for unknown customers burn no ids.
  await customerOrNotFound(tenantId, customerId, true);
  const noteId = await noteWrites.allocateId(tenantId);
  const at = toStoredInstant(now());
  const record = noteEntity.newRecord(input, {
    tenant_id: tenantId,
    customer_id: customerId,
    note_id: noteId,
    author: { key_id: author.keyId, name: author.name },
    created_at: at,
    updated_at: at,
  });
  // Trashed (or erased) between the check and the write: the transaction's condition says so.
  if ((await noteWrites.insert(record)) === 'no_customer') throw new NotFoundError('Customer');
  return toNoteObject(record);
}

export async function getNote(tenantId: string, customerId: number, noteId: number): Promise<NoteObject> {
  const [note, live] = await Promise.all([noteReads.get(tenantId, customerId, noteId), customerPresence.isLive(tenantId, customerId)]);
  if (!live) throw new NotFoundError('Customer');
  if (!note) throw new NotFoundError('Note');
  return toNoteObject(note);
}

export interface NotePage {
  items: NoteObject[];
  total: number;
}

/** A page of a customer's notes, pinned first, then newest first; the total is the customer's note count (no counting read). */
export async function listNotes(tenantId: string, customerId: number, q: ListNotesQuery): Promise<NotePage> {
  const offset = (q.page - 1) * q.per_page;
  // The count (and whether the customer is live) and the page's ids are read in parallel.
  const [total, items] = await Promise.all([noteReads.customerNoteCount(tenantId, customerId), noteReads.page(tenantId, customerId, offset, q.per_page)]);
  if (total === undefined) throw new NotFoundError('Customer');
  return { items: items.map(toNoteObject), total };
}

export async function updateNote(tenantId: string, customerId: number, noteId: number, body: UpdateNoteInput, now = () => new Date()): Promise<NoteObject> {
  const [before, live] = await Promise.all([noteReads.get(tenantId, customerId, noteId, true), customerPresence.isLive(tenantId, customerId, true)]);
  if (!live) throw new NotFoundError('Customer');
  if (!before) throw new NotFoundError('Note');
  const shown = toNoteObject(before);
  noteEntity.assertReadOnlyUnchanged(body, shown);
  const patch = noteEntity.writableOf(body);
  const changes: NoteChanges = {};
  if (patch.body !== undefined && patch.body !== before.body) changes.body = patch.body;
  if (patch.pinned !== undefined && patch.pinned !== before.pinned) changes.pinned = patch.pinned;
  // Restating the note changes nothing, not even updated_at.
  if (Object.keys(changes).length === 0) return shown;
  changes.updated_at = toStoredInstant(now());
  const after = await noteWrites.update(before, changes);
  if (after === 'gone') throw new NotFoundError('Note');
  return toNoteObject(after);
}

export async function deleteNote(tenantId: string, customerId: number, noteId: number): Promise<void> {
  const outcome = await noteWrites.remove(tenantId, customerId, noteId);
  if (outcome === 'ok') return;
  // Say which is unknown: the customer (or trashed) or the note.
  if (outcome === 'no_customer') throw new NotFoundError('Customer');
  await customerOrNotFound(tenantId, customerId);
  throw new NotFoundError('Note');
}
