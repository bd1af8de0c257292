/**
 * The renderers return UTF-8 bytes (what is hashed and served). Tests read them as text through
 * these wrappers, which decode strictly: bytes that are not valid UTF-8 fail the test.
 */
import type { Article, FeedFormat, FeedMeta } from "../../src/model/index.ts";
import * as render from "../../src/render/index.ts";

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** UTF-8 bytes as text, refusing anything that is not valid UTF-8. */
export const decodeStrict = (bytes: Uint8Array): string => decoder.decode(bytes);

export const renderRss = (articles: readonly Article[], meta: FeedMeta): string => decoder.decode(render.renderRss(articles, meta));
export const renderAtom = (articles: readonly Article[], meta: FeedMeta): string => decoder.decode(render.renderAtom(articles, meta));
export const renderJsonFeed = (articles: readonly Article[], meta: FeedMeta): string => decoder.decode(render.renderJsonFeed(articles, meta));
export const renderFeed = (format: FeedFormat, articles: readonly Article[], meta: FeedMeta): string =>
  decoder.decode(render.renderFeed(format, articles, meta));
