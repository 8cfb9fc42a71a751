import * as z from 'zod/mini';
import '../zod-locale.js';
import { pageQuery } from '../model/paging.js';

/** The query of GET /customers/{id}/locations: paging only (apart, so that location writes do not build it). */
export const listLocationsQuery = z.strictObject({ ...pageQuery });
export type ListLocationsQuery = z.output<typeof listLocationsQuery>;
