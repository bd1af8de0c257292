import { timingSafeEqual } from "hono/utils/buffer";
import { sha256Hex } from "../ingest/hash.ts";
import type { PartnerProfile } from "./schema.ts";

/** Lower-case hex SHA-256 of a key, the form profiles store (`echo -n KEY | sha256sum`). */
export function hashPartnerKey(key: string): Promise<string> {
  return sha256Hex(key);
}

export type KeyCheck =
  | { ok: true }
  | { ok: false; reason: "missing" | "invalid" }
  /**
   * A valid key, of another partner than `partnerId` (whether or not that partner exists): answered
   * like an unknown partner, so a key does not tell which other partners exist (issue 13, item 10).
   */
  | { ok: false; reason: "not-this-partner" };

/**
 * Who a presented key belongs to. Every stored hash of every partner is compared in full (no early
 * exit), so the time taken does not depend on which partner, or which of two rotating keys, matched.
 * The comparison is hono's timingSafeEqual, the one constant-time comparison (http/auth.ts uses it
 * for the ingest token).
 */
export async function checkPartnerKey(presented: string | undefined, partnerId: string, partners: readonly PartnerProfile[]): Promise<KeyCheck> {
  if (presented === undefined || presented === "") return { ok: false, reason: "missing" };
  const hash = await hashPartnerKey(presented);
  let owner: string | undefined;
  for (const partner of partners) {
    for (const stored of partner.tokenSha256) {
      if (await timingSafeEqual(hash, stored)) owner = partner.id;
    }
  }
  if (owner === undefined) return { ok: false, reason: "invalid" };
  return owner === partnerId ? { ok: true } : { ok: false, reason: "not-this-partner" };
}
