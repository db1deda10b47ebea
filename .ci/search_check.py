"""CI: the built site's search finds Chinese words (the index is segmented by jieba at build time).

Splits every indexed section with the separator the site's search uses in the
browser, as lunr does, and fails unless each query term is a term of some page.
"""

from __future__ import annotations

import json
import pathlib
import re
import sys

QUERIES = ("工会", "总工会", "会议", "拼音", "乱码", "繁体")


def main(site: str) -> int:
    index = json.loads((pathlib.Path(site) / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    pages: dict[str, set[str]] = {}
    for doc in index["docs"]:
        for term in separator.split(f"{doc['title']} {doc['text']}"):
            pages.setdefault(term.lower(), set()).add(doc["location"].split("#")[0])
    missing = [q for q in QUERIES if not pages.get(q)]
    if missing:
        print(f"search finds nothing for {missing}", file=sys.stderr)
        return 1
    print("search:", ", ".join(f"{q} {len(pages[q])} pages" for q in QUERIES))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
