#!/usr/bin/env python3
"""Do Vindplaats's open data API and Solr's documents core give the same answers? The first N requests of each
mix (lists.txt / solr-lists.txt, q.txt / solr-q.txt), side by side.

    bench/solr/same-documents.py VINDPLAATS_BASE SOLR_BASE DIR N

The lists show no total (Vindplaats does not count them), so a page is compared as a whole: the same documents
in the same order, and, for q, the same highlights (Solr's fragments escaped as OpenDataApi.htmlFragment escapes
Vindplaats's, the fields by their names in the API). Prints one line: how many pages are the same, how many
hold the same documents in another order, and the first differences.
"""
import json
import sys
import urllib.parse
import urllib.request

FIELD_NAMES = {"titel": "title", "omschrijving": "introduction", "onderwerpen": "subjects", "tekst": "text"}


def get_json(url):
    with urllib.request.urlopen(url) as response:
        return json.load(response)


def as_json(path):
    parts = urllib.parse.urlsplit(path)
    params = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query) if k != "output"] + [("output", "json")]
    return parts.path + "?" + urllib.parse.urlencode(params)


def html_fragment(marked):
    escaped = marked.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
    return escaped.replace("&lt;em&gt;", "<em>").replace("&lt;/em&gt;", "</em>")


def vindplaats_page(base, path):
    items = get_json(base + as_json(path))
    return [item["id"] for item in items], {item["id"]: item.get("highlights", {}) for item in items}


def solr_page(solr, path):
    body = get_json(solr + path)
    ids = [json.loads(doc["summary"])["id"] for doc in body["response"]["docs"]]
    marks = {}
    for doc_id, fields in body.get("highlighting", {}).items():
        named = {}
        for field, name in FIELD_NAMES.items():
            fragments = [html_fragment(f) for f in fields.get(field, []) if "<em>" in f]
            if fragments:
                named[name] = fragments
        marks[doc_id] = named
    return ids, marks, body["response"]["numFound"]


def compare(base, solr, d, mix, n):
    vp = open(d + "/" + mix + ".txt").read().split("\n")[:n]
    so = open(d + "/solr-" + mix + ".txt").read().split("\n")[:n]
    same = same_set = same_marks = pages_with_marks = non_empty = 0
    diffs = []
    for a, b in zip(vp, so):
        ids_a, marks_a = vindplaats_page(base, a)
        ids_b, marks_b, found = solr_page(solr, b)
        same += ids_a == ids_b
        non_empty += ids_a == ids_b and len(ids_a) > 0
        same_set += ids_a != ids_b and sorted(ids_a) == sorted(ids_b)
        if ids_a != ids_b and len(diffs) < 3:
            diffs.append("%s: Vindplaats %d documents, Solr %d (of %d); first differing place %d"
                         % (a, len(ids_a), len(ids_b), found,
                            next((i for i, (x, y) in enumerate(zip(ids_a, ids_b)) if x != y), min(len(ids_a), len(ids_b)))))
        if mix == "q" and ids_a == ids_b:
            pages_with_marks += len(ids_a) > 0
            if ids_a and all(marks_a.get(i, {}) == marks_b.get(i, {}) for i in ids_a):
                same_marks += 1
            elif ids_a and len(diffs) < 6:
                i = next(i for i in ids_a if marks_a.get(i, {}) != marks_b.get(i, {}))
                diffs.append("highlights of %s for %s: Vindplaats %s, Solr %s" % (i, a, marks_a.get(i), marks_b.get(i)))
    line = ("%s: the same page (documents in order) on %d of %d (%d of them not empty), the same documents in another"
            " order on %d") % (mix, same, len(vp), non_empty, same_set)
    if mix == "q":
        line += "; the same highlights on %d of the %d pages not empty" % (same_marks, pages_with_marks)
    return line + (". First differences: " + " | ".join(diffs) if diffs else ".")


if __name__ == "__main__":
    base, solr, d, n = sys.argv[1].rstrip("/"), sys.argv[2].rstrip("/"), sys.argv[3], int(sys.argv[4])
    print(" ".join(compare(base, solr, d, mix, n) for mix in ("lists", "q")))
