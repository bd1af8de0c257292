import { isoSeconds } from "../model/index.ts";

/** The current time as every stored time is written (model/time.ts). */
export const isoNow = (): string => isoSeconds(new Date());
