/**
 * Which state or territory a ZIP code belongs to, by USPS's assignment of
 * 3-digit prefixes (sectional centers), with the 5-digit exceptions of the
 * Pacific territories that share prefixes 967 and 969 with Hawaii and Guam.
 * Used only by the generator (./generate.ts) to group ZIP centroids by state;
 * never at run time. Military prefixes (AA, AE, AP) are left out, as the
 * location schema leaves them out.
 */

/** [first prefix, last prefix, state], prefixes inclusive. */
const prefixRanges: readonly (readonly [number, number, string])[] = [
  [5, 5, 'NY'], [6, 7, 'PR'], [8, 8, 'VI'], [9, 9, 'PR'],
  [10, 27, 'MA'], [28, 29, 'RI'], [30, 38, 'NH'], [39, 49, 'ME'], [50, 54, 'VT'], [55, 55, 'MA'], [56, 59, 'VT'],
  [60, 69, 'CT'], [70, 89, 'NJ'], [100, 149, 'NY'], [150, 196, 'PA'], [197, 199, 'DE'], [200, 200, 'DC'],
  [201, 201, 'VA'], [202, 205, 'DC'], [206, 219, 'MD'], [220, 246, 'VA'], [247, 268, 'WV'], [270, 289, 'NC'],
  [290, 299, 'SC'], [300, 319, 'GA'], [320, 339, 'FL'], [341, 349, 'FL'], [350, 369, 'AL'], [370, 385, 'TN'],
  [386, 397, 'MS'], [398, 399, 'GA'], [400, 427, 'KY'], [430, 459, 'OH'], [460, 479, 'IN'], [480, 499, 'MI'],
  [500, 528, 'IA'], [530, 549, 'WI'], [550, 567, 'MN'], [569, 569, 'DC'], [570, 577, 'SD'], [580, 588, 'ND'],
  [590, 599, 'MT'], [600, 629, 'IL'], [630, 658, 'MO'], [660, 679, 'KS'], [680, 693, 'NE'], [700, 714, 'LA'],
  [716, 729, 'AR'], [730, 731, 'OK'], [733, 733, 'TX'], [734, 749, 'OK'], [750, 799, 'TX'], [800, 816, 'CO'],
  [820, 831, 'WY'], [832, 838, 'ID'], [840, 847, 'UT'], [850, 865, 'AZ'], [870, 884, 'NM'], [885, 885, 'TX'],
  [889, 898, 'NV'], [900, 961, 'CA'], [967, 968, 'HI'], [969, 969, 'GU'], [970, 979, 'OR'], [980, 994, 'WA'],
  [995, 999, 'AK'],
];

/** 5-digit ranges that differ from their prefix's state. */
const zipRanges: readonly (readonly [number, number, string])[] = [
  [96799, 96799, 'AS'],
  [96939, 96940, 'PW'],
  [96941, 96944, 'FM'],
  [96950, 96952, 'MP'],
  [96960, 96960, 'MH'],
  [96970, 96970, 'MH'],
];

/** The state or territory of a 5-digit ZIP code (as a number), or undefined for unassigned and military prefixes. */
export function stateOfZip(zip: number): string | undefined {
  for (const [first, last, state] of zipRanges) if (zip >= first && zip <= last) return state;
  const prefix = Math.floor(zip / 100);
  for (const [first, last, state] of prefixRanges) if (prefix >= first && prefix <= last) return state;
  return undefined;
}
