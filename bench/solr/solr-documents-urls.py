#!/usr/bin/env python3
"""Turns bench/read's open data list lines (/v1/documents?...) into the Solr requests that ask the same of the
`documents` core (documents-conf/schema.xml).

    bench/solr/solr-documents-urls.py CORE_PATH VINDPLAATS_BASE NOW_MS < lists.txt > solr-lists.txt

What OpenDataApi.list (src/main/java/nl/vindplaats/documents) asks of its index, as Solr parameters:
- the public documents (Documents.publicDocuments): fq `status:gepubliceerd -zichtbaarVanaf:[NOW_MS+1 TO *]`,
  with NOW_MS fixed when the list is written (Vindplaats takes the clock's now per request: Solr may cache this
  filter, Vindplaats cannot);
- type, subject, organisationalunit, informatiecategorie: the slugs of the infotype lists turned into the
  value-list identifiers the index holds (the slug of each item's label, as OpenDataDocument.slug makes it;
  organisations also by their platform slug), each a `{!terms}` fq; a slug no item has matches nothing;
- lastmodifiedsince=yyyymmdd: fq `modified:[start of that Dutch day TO *]`;
- sort `modified asc, id asc` (most recently modified last, ties by id), after `score desc` for a search;
- offset and rows as start and rows (rows at most 200, as the API gives);
- q: edismax over `titel^4 omschrijving^2 onderwerpen^2 tekst`, every word required (mm=100%, q.op=AND), each
  word split on whitespace before analysis (sow=true) and its per-field scores summed (tie=1), which is the
  BooleanQuery LuceneQueries.textQuery builds; highlights with the unified highlighter from the offsets in the
  postings, on the four text fields, three passages each, sentence by sentence, <em> marks, no summary of a
  field without a match (Vindplaats drops those);
- fl `summary`: what a list shows of each document, as Vindplaats reads it from its index.
"""
import datetime
import json
import re
import sys
import unicodedata
import urllib.parse
import urllib.request
import zoneinfo

ORGANISATION_LISTS = ["ministeries", "gemeenten", "provincies", "waterschappen", "caribische-openbare-lichamen",
                      "overige-overheidsorganisaties", "aanvullende-overheidsorganisaties"]
TEXT_FIELDS = "titel^4 omschrijving^2 onderwerpen^2 tekst"
NOTHING = "\u0000"  # a value no document has, as OpenDataApi uses it
MAX_ROWS = 200
NETHERLANDS = zoneinfo.ZoneInfo("Europe/Amsterdam")


def slug(text):
    """OpenDataDocument.slug: accents dropped, lower case, every run of other characters one '-'."""
    plain = unicodedata.normalize("NFD", text or "")
    plain = "".join(c for c in plain if not unicodedata.category(c).startswith("M")).lower()
    return "-".join(re.findall(r"[a-z0-9]+", plain))


def get_json(base, path):
    with urllib.request.urlopen(base + path) as response:
        return json.load(response)


def value_list(base, name):
    """slug of label -> identifiers, for one value list, read page by page (100 a page)."""
    out, page = {}, 1
    while True:
        body = get_json(base, "/waardelijsten/v1/lists/%s?pageSize=100&page=%d" % (name, page))
        for item in body["items"]:
            out.setdefault(slug(item["label"]), []).append(item["identifier"])
        if page * 100 >= body["total"]:
            return out
        page += 1


def organisations(base):
    """OpenDataApi.organisationIds: by the slug of a value-list label, and by the platform organisation's slug."""
    out = {}
    for name in ORGANISATION_LISTS:
        for key, ids in value_list(base, name).items():
            out.setdefault(key, []).extend(ids)
    for org in get_json(base, "/api/3/action/organization_list?all_fields=true&limit=1000")["result"]:
        out.setdefault(org["name"], []).append(org["id"])
    return out


def terms(field, raw_values, by_slug):
    values = []
    for raw in raw_values:
        for value in raw.split(","):
            v = value.strip()
            if not v:
                continue
            found = [v] if v.startswith(("http://", "https://")) else by_slug.get(v.lower(), [])
            values.extend(found or [NOTHING])
    return "{!terms f=%s}%s" % (field, ",".join(values)) if values else None


def since_ms(yyyymmdd):
    day = datetime.datetime.strptime(yyyymmdd.strip(), "%Y%m%d").replace(tzinfo=NETHERLANDS)
    return int(day.timestamp() * 1000)


def main():
    core, base, now_ms = sys.argv[1].rstrip("/"), sys.argv[2].rstrip("/"), int(sys.argv[3])
    slugs = {
        "type": ("documentsoort", value_list(base, "documentsoorten")),
        "subject": ("thema", value_list(base, "themas")),
        "organisationalunit": ("organisatie", organisations(base)),
        "informatiecategorie": ("informatiecategorie", value_list(base, "informatiecategorieen")),
    }
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        params = urllib.parse.parse_qs(urllib.parse.urlsplit(line).query)
        solr = [("fq", "status:gepubliceerd -zichtbaarVanaf:[%d TO *]" % (now_ms + 1))]
        for parameter, (field, by_slug) in slugs.items():
            fq = terms(field, params.get(parameter, []), by_slug)
            if fq:
                solr.append(("fq", fq))
        if "lastmodifiedsince" in params:
            solr.append(("fq", "modified:[%d TO *]" % max(since_ms(v) for v in params["lastmodifiedsince"])))
        q = params.get("q", [""])[0]
        searching = bool(q.strip())
        solr += [("sort", ("score desc, " if searching else "") + "modified asc, id asc"),
                 ("start", params.get("offset", ["0"])[0]),
                 ("rows", str(min(MAX_ROWS, int(params.get("rows", ["25"])[0])))),
                 ("fl", "summary")]
        if searching:
            solr += [("q", q), ("defType", "edismax"), ("qf", TEXT_FIELDS), ("mm", "100%"), ("q.op", "AND"),
                     ("sow", "true"), ("tie", "1.0"),
                     ("hl", "true"), ("hl.method", "unified"), ("hl.fl", "titel,omschrijving,onderwerpen,tekst"),
                     ("hl.snippets", "3"), ("hl.offsetSource", "POSTINGS"), ("hl.bs.type", "SENTENCE"),
                     ("hl.fragsize", "1"), ("hl.tag.pre", "<em>"), ("hl.tag.post", "</em>"),
                     ("hl.weightMatches", "false"), ("hl.usePhraseHighlighter", "true"),
                     ("hl.defaultSummary", "false")]
        else:
            solr.append(("q", "*:*"))
        solr.append(("wt", "json"))
        print(core + "/select?" + urllib.parse.urlencode(solr))


if __name__ == "__main__":
    main()
