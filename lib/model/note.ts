import * as z from 'zod/mini';
import '../zod-locale.js';
import { sameInstant } from '../instants.js';
import { sentBackInstant } from '../text-rules.js';
import { requiredText } from './address.js';
import { defineEntity, field, type ApiObjectOf, type CreateInputOf, type PatchOf, type RecordOf, type UpdateInputOf } from './entity.js';
import { recordIdValue } from './record-ids.js';

/**
 * A note on a customer (Kickserv's customer notes, seeds 003/004): free text
 * with a pin, and who wrote it. It lives in its customer's item collection,
 * so it is reachable only through that customer, is hidden with it in the
 * trash and erased with it.
 */

export const noteLimits = {
  body: 10_000,
  /** Stored timestamps: 2026-01-15T10:00:00Z. */
  instant: 20,
  /** An API key's name and its 12-character id. */
  authorName: 200,
  authorKeyId: 12,
} as const;

const sameValue = (sent: unknown, current: unknown) => sent === current;
const sameTime = (sent: unknown, current: unknown) => sameInstant(sent, current as string | null);
interface Author {
  key_id: string;
  name: string;
}
/** Field by field: DynamoDB keeps no key order in a map. */
const sameAuthor = (sent: unknown, current: unknown) => {
  const a = sent as Partial<Author> | null;
  const b = current as Partial<Author> | null;
  return Boolean(a && b) && a!.key_id === b!.key_id && a!.name === b!.name;
};
const storedInstant = () => z.string().check(z.maxLength(noteLimits.instant));
const author = () => z.object({ key_id: z.string().check(z.maxLength(noteLimits.authorKeyId)), name: z.string().check(z.maxLength(noteLimits.authorName)) });
const authorSentBack = () =>
  z.strictObject({
    key_id: z.string('must be a string').check(z.maxLength(noteLimits.authorKeyId, `must be at most ${noteLimits.authorKeyId} characters`)),
    name: z.string('must be a string').check(z.maxLength(noteLimits.authorName, `must be at most ${noteLimits.authorName} characters`)),
  });

/** Pinned notes list first (gsi1 sort key `1#…` before `0#…`), each group newest first. */
const pinRank = (pinned: boolean) => (pinned ? 1 : 0);

export const noteEntity = defineEntity({
  name: 'note',
  version: 1,
  apiName: 'Note',
  fields: {
    note_id: field.readOnly(recordIdValue, recordIdValue, sameValue),
    customer_id: field.readOnly(recordIdValue, recordIdValue, sameValue),
    body: field.writable(() => requiredText(noteLimits.body), () => z.string().check(z.maxLength(noteLimits.body))),
    pinned: field.writableWithDefault(() => z.boolean('must be true or false'), () => z.boolean(), false),
    /** The API key that wrote the note: what an audit needs, without a user directory. */
    author: field.readOnly(author, authorSentBack, sameAuthor),
    created_at: field.readOnly(storedInstant, sentBackInstant, sameTime),
    updated_at: field.readOnly(storedInstant, sentBackInstant, sameTime),
    tenant_id: field.internal<string>(),
  },
  keys: {
    /** In its customer's item collection, after its locations (NOTE#… sorts after LOCATION#…). */
    primary: {
      pk: ['T', { field: 'tenant_id' }, 'C', { field: 'customer_id' }],
      sk: ['NOTE', { field: 'note_id', sortsAsNumber: true }],
    },
    /** A customer's notes in list order: read backwards, pinned (1) before the others (0), newest first within each. */
    gsi1: {
      pk: ['T', { field: 'tenant_id' }, 'C', { field: 'customer_id' }, 'NOTES'],
      sk: [{ field: 'pinned', as: pinRank }, { field: 'note_id', sortsAsNumber: true }],
    },
  },
});

type NoteFields = typeof noteEntity.fields;
export type NoteObject = ApiObjectOf<NoteFields>;
export type NoteRecord = RecordOf<NoteFields>;
export type CreateNoteInput = CreateInputOf<NoteFields>;
export type UpdateNoteInput = UpdateInputOf<NoteFields>;
export type NotePatch = PatchOf<NoteFields>;
