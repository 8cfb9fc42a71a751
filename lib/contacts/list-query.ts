import * as z from 'zod/mini';
import '../zod-locale.js';
import { pageQuery } from '../model/paging.js';

/** The query of GET /customers/{id}/contacts: paging only. */
export const listContactsQuery = z.strictObject({ ...pageQuery });
export type ListContactsQuery = z.output<typeof listContactsQuery>;
