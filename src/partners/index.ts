/** Partner syndication: profiles, keys, rules and partner feed rendering (README "Partner feeds"). */
export { PartnerProfileSchema, PartnersFileSchema, PARTNER_HTML_PROFILES, type PartnerProfile, type PartnerHtmlProfile } from "./schema.ts";
export { loadPartners, parsePartners, type PartnersResult } from "./load.ts";
export { checkPartnerKey, hashPartnerKey, type KeyCheck } from "./token.ts";
export { applyPartnerRules, photoFailure, type Exclusion, type ExclusionReason, type PartnerSelection, type PhotoExclusion } from "./rules.ts";
export { partnerFeedMeta, partnerFeedUrls, renderPartnerFeed, type PartnerRender } from "./feed.ts";
export { partnerFigure, partnerHtml } from "./partner-html.ts";
// Plain text for partner titles and descriptions has one home with the rest of text handling (issue 12).
export { plainDescription, plainText } from "../extract/text.ts";
