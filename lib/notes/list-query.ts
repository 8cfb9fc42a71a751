import * as z from 'zod/mini';
import '../zod-locale.js';
import { pageQuery } from '../model/paging.js';

/** The query of GET /customers/{id}/notes: paging only. */
export const listNotesQuery = z.strictObject({ ...pageQuery });
export type ListNotesQuery = z.output<typeof listNotesQuery>;
