/** `SET #a0 = :a0, …` parts, with their names and values, for a plain object of attribute values (UpdateItem). */
export function setClause(values: Record<string, unknown>, prefix: string) {
  const names: Record<string, string> = {};
  const vals: Record<string, unknown> = {};
  const parts = Object.entries(values).map(([k, v], i) => {
    names[`#${prefix}${i}`] = k;
    vals[`:${prefix}${i}`] = v;
    return `#${prefix}${i} = :${prefix}${i}`;
  });
  return { parts, names, vals };
}
