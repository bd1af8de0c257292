#!/usr/bin/python3
"""Read a feed with python3-feedparser (a real feed reader) and print what it understood as JSON.

Used by tests/render/feedparser.test.ts. Run with Debian's /usr/bin/python3, which has the
python3-feedparser package (apt-get install python3-feedparser); a pyenv `python3` does not.

Usage: /usr/bin/python3 tests/tools/read_feed.py FEED_FILE
       /usr/bin/python3 tests/tools/read_feed.py --each FEED_FILE... (a JSON array, one per file: one
       process for a whole corpus of feeds)
Exit status 3 means feedparser is not installed, so the caller can tell that apart from a bug.
"""
import json
import sys

try:
    import feedparser
except ImportError:
    print("python3-feedparser is not installed for " + sys.executable, file=sys.stderr)
    sys.exit(3)


def plain(value):
    """feedparser returns FeedParserDict and time.struct_time; make them JSON-friendly."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def entry_summary(entry):
    return {
        "title": entry.get("title"),
        "link": entry.get("link"),
        "id": entry.get("id"),
        "published": entry.get("published"),
        "updated": entry.get("updated"),
        "summary": entry.get("summary"),
        "author": entry.get("author"),
        "authors": plain(entry.get("authors", [])),
        "links": plain(entry.get("links", [])),
        "enclosures": [
            {"href": e.get("href"), "type": e.get("type"), "length": e.get("length")}
            for e in entry.get("enclosures", [])
        ],
        "media_content": plain(entry.get("media_content", [])),
        "media_credit": plain(entry.get("media_credit", [])),
        # feedparser keeps media:description text in `content` (type text/plain) for RSS.
        "media_description": plain(entry.get("media_description")),
        "content": plain(entry.get("content", [])),
        "tags": [t.get("term") for t in entry.get("tags", [])],
        # The xml:lang in scope for the entry (Atom), as feedparser attaches it to each text construct.
        "language": (entry.get("title_detail") or {}).get("language"),
    }


def read(path):
    parsed = feedparser.parse(path)
    exception = parsed.get("bozo_exception")
    return {
        "version": parsed.get("version"),
        "bozo": bool(parsed.get("bozo")),
        "bozo_exception": None if exception is None else repr(exception),
        "feed": {
            "title": parsed.feed.get("title"),
            "link": parsed.feed.get("link"),
            "language": parsed.feed.get("language"),
        },
        "entries": [entry_summary(e) for e in parsed.entries],
    }


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "--each":
        result = [read(path) for path in sys.argv[2:]]
    elif len(sys.argv) == 2:
        result = read(sys.argv[1])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
