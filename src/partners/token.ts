import { sha256Hex } from "../ingest/hash.ts";
import type { PartnerProfile } from "./schema.ts";

/** Lower-case hex SHA-256 of a key, the form profiles store (`echo -n KEY | sha256sum`). */
export function hashPartnerKey(key: string): Promise<string> {
  return sha256Hex(key);
}

/**
 * Constant-time equality of two strings of the same length (hex digests here): every character is
 * compared, so timing does not reveal how long a matching prefix was. Hashing the presented key
 * first means its length and content never steer the comparison either.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}

export type KeyCheck =
  | { ok: true }
  | { ok: false; reason: "missing" | "invalid" }
  /** A valid key of another partner: 403, the caller is known but not allowed here. */
  | { ok: false; reason: "other-partner" };

/**
 * Who a presented key belongs to. Every stored hash of every partner is compared (no early exit),
 * so the time taken does not depend on which partner, or which of two rotating keys, matched.
 */
export async function checkPartnerKey(presented: string | undefined, partnerId: string, partners: readonly PartnerProfile[]): Promise<KeyCheck> {
  if (presented === undefined || presented === "") return { ok: false, reason: "missing" };
  const hash = await hashPartnerKey(presented);
  let owner: string | undefined;
  for (const partner of partners) {
    for (const stored of partner.tokenSha256) {
      if (constantTimeEqual(hash, stored)) owner = partner.id;
    }
  }
  if (owner === undefined) return { ok: false, reason: "invalid" };
  return owner === partnerId ? { ok: true } : { ok: false, reason: "other-partner" };
}

/** The key from `Authorization: Bearer <key>`, else from `?key=` (for readers that cannot set headers). */
export function presentedKey(authorization: string | undefined, query: URLSearchParams): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  return bearer ?? query.get("key") ?? undefined;
}
