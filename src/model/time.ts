/**
 * A moment as every stored time is written: RFC 3339 UTC to the second, no fraction
 * ("2025-04-30T00:00:00Z"). Stored times and `now` are compared as strings (in SQL too), which is
 * only right when both have the same form: "…:12Z" sorts after "…:12.345Z". Pure: the caller passes
 * the moment (the clock is read at the edges, http/now.ts and the CLI).
 */
export const isoSeconds = (moment: Date): string => moment.toISOString().replace(/\.\d+Z$/, "Z");
