import { readFileSync } from 'node:fs';
import type { CallingCodeEntry } from './calling-code-plan.js';

/** The calling-code table generate.ts writes: what parsing a number and checking its length read. */
export interface CallingCodeTable {
  /** Numbers without a country code are read as this country's: its calling code and international prefix. */
  defaultCallingCode: string;
  defaultIddPrefix: string;
  /** Every country calling code, in the compact form of ./calling-code-plan.ts. */
  entries: Readonly<Record<string, CallingCodeEntry>>;
}

let table: CallingCodeTable | undefined;

/**
 * The table, read on first use from the data file beside this module
 * (calling-code-plans.json, 7 kB), then kept for the warm function. A data
 * file, not a module, so that only functions that parse a phone number pay
 * for it, when they first do: every customer and location function bundles
 * the customer declaration, and with it this code, but most never read a
 * phone number (infra/data-files.json ships the file beside each bundle that
 * includes this module).
 */
export function callingCodeTable(): CallingCodeTable {
  table ??= JSON.parse(readFileSync(new URL('./calling-code-plans.json', import.meta.url), 'utf8')) as CallingCodeTable;
  return table;
}
