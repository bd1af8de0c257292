/**
 * The current time as every stored time is written: RFC 3339 UTC to the second (no fraction).
 * Stored times and `now` are compared as strings (in SQL too), which is only right when both have
 * the same form: "…:12Z" sorts after "…:12.345Z".
 */
export const isoNow = (): string => new Date().toISOString().replace(/\.\d+Z$/, "Z");
