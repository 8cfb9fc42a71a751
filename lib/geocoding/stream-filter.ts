/**
 * THE definition of "a table stream record that needs geocoding": INSERT or
 * MODIFY of a location item whose new image is `geocode_status = pending`.
 *
 * It is written once, as an EventBridge event pattern. The CDK Pipe uses it
 * verbatim as its filter (`pipeFilterCriteria`), and the local pipeline
 * evaluates the very same object (`needsGeocoding`), so the two cannot
 * select different records.
 */
export const needsGeocodingPattern = {
  eventName: ['INSERT', 'MODIFY'],
  dynamodb: {
    NewImage: {
      entity: { S: ['location'] },
      geocode_status: { S: ['pending'] },
    },
  },
} as const;

/** The Pipe's FilterCriteria (aws-pipes CfnPipe sourceParameters.filterCriteria). */
export function pipeFilterCriteria(): { filters: { pattern: string }[] } {
  return { filters: [{ pattern: JSON.stringify(needsGeocodingPattern) }] };
}

type Pattern = { readonly [field: string]: Pattern | readonly (string | number | boolean | null)[] };

/**
 * Evaluates an event pattern the way EventBridge does for the subset used
 * here: an array lists the allowed values of a field (exact match, or any
 * element of an array field), an object descends into the field; every
 * field named must match, unnamed fields are ignored. Content filters
 * (prefix, numeric, exists, …) are refused rather than misread.
 */
export function matchesEventPattern(pattern: Pattern, event: unknown): boolean {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return false;
  const obj = event as Record<string, unknown>;
  for (const [field, rule] of Object.entries(pattern)) {
    const value = obj[field];
    if (Array.isArray(rule)) {
      for (const allowed of rule) {
        if (allowed !== null && typeof allowed === 'object') {
          throw new Error(`content filter on "${field}" is not supported by this matcher; extend it before using one`);
        }
      }
      if (value === undefined) return false;
      const candidates: unknown[] = Array.isArray(value) ? value : [value];
      if (!candidates.some((v) => rule.includes(v as never))) return false;
    } else if (!matchesEventPattern(rule as Pattern, value)) {
      return false;
    }
  }
  return true;
}

/** Whether a stream record (as DynamoDB Streams or the Pipe hands it over: images in DynamoDB JSON) needs geocoding. */
export function needsGeocoding(record: unknown): boolean {
  return matchesEventPattern(needsGeocodingPattern, record);
}
