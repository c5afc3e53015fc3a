#!/usr/bin/env python3
"""Writes the deterministic request lists of the read benchmarks (issue 4 and 5), one path a line.

    bench/read-urls.py documents BASE_URL OUTDIR   # OUTDIR/lists.txt, OUTDIR/q.txt
    bench/read-urls.py datasets  BASE_URL OUTDIR   # OUTDIR/search.txt, OUTDIR/search-common.txt, OUTDIR/words.txt

Filter values are read from the running service (the infotype lists: only values that occur), query
words from the Dutch text the corpora were generated from; a fixed seed picks the combinations, so
every run sends the same requests in the same order.

Datasets are searched with two mixes: search.txt with one to three words of the title of a dataset
picked at random (known-item queries; the corpus's 30 most frequent words left out as stop words);
search-common.txt with words of the 384 real words only (the corpus's most frequent), each of which
occurs in 1 to 25 % of the datasets: the worst case.
"""
import json
import pathlib
import random
import re
import sys
import urllib.parse
import urllib.request

SEED = 4
COUNT = 5000
RESOURCES = pathlib.Path(__file__).resolve().parent.parent / "src/main/resources/vocabulary/rijksoverheid"


def get_json(base, path):
    with urllib.request.urlopen(base + path) as response:
        return json.load(response)


def vocabulary():
    """Words of the real Rijksoverheid text, most frequent first (as the Java generators rank them)."""
    counts = {}
    element = re.compile(r"<(title|introduction|paragraph|paragraphtitle|content|summary|description|location"
                         r"|filetitle|subject|theme|department)>(.*?)</\1>", re.S)
    for file in sorted(RESOURCES.glob("*.xml")):
        for match in element.finditer(file.read_text(encoding="utf-8")):
            text = match.group(2).replace("<![CDATA[", " ").replace("]]>", " ")
            text = re.sub(r"<[^>]*>", " ", text)
            text = re.sub(r"&[a-z]+;", " ", text)
            for word in re.findall(r"[^\W\d_][\w'-]*[^\W\d_]", text):
                word = word.lower()
                if len(word) >= 2 and not word.startswith("http"):
                    counts[word] = counts.get(word, 0) + 1
    return sorted(counts, key=lambda w: (-counts[w], w))


def query_words(rng, words):
    """One to three words; skip the very frequent ones (stop words), as people search for content words."""
    usable = [w for w in words[30:600] if len(w) > 3]
    return " ".join(rng.sample(usable, rng.choice([1, 1, 2, 2, 3])))


def title_query_words(rng, title, stop_words):
    """One to three words of a dataset's title, as someone looking for that dataset would type them."""
    words = [w for w in re.findall(r"[^\W\d_]+", title.lower()) if len(w) > 3 and w not in stop_words]
    words = list(dict.fromkeys(words))
    if not words:
        return None
    picked = rng.sample(words, min(len(words), rng.choice([1, 1, 2, 2, 3])))
    return " ".join(picked)


def documents(base, out):
    rng = random.Random(SEED)
    subjects = [s["name"] for s in get_json(base, "/v1/infotypes/subject?output=json&rows=200")]
    ministries = [m["name"] for m in get_json(base, "/v1/infotypes/ministry?output=json&rows=200")]
    types = [t["name"] for t in get_json(base, "/v1/documents/infotypes?output=json&rows=200")]
    lists = []
    for _ in range(COUNT):
        params = []
        if rng.random() < 0.4:
            params.append(("subject", rng.choice(subjects)))
        if rng.random() < 0.4:
            params.append(("organisationalunit", rng.choice(ministries)))
        if rng.random() < 0.4:
            params.append(("type", rng.choice(types)))
        if rng.random() < 0.3:
            params.append(("lastmodifiedsince", "%04d%02d%02d" % (rng.randint(2017, 2026), rng.randint(1, 12),
                                                                   rng.randint(1, 28))))
        if rng.random() < 0.3:
            params.append(("offset", str(rng.choice([25, 50, 100, 200, 500, 1000]))))
        params.append(("rows", str(rng.choice([10, 25, 25, 50, 100]))))
        if rng.random() < 0.5:
            params.append(("output", "json"))
        lists.append("/v1/documents?" + urllib.parse.urlencode(params))
    (out / "lists.txt").write_text("\n".join(lists) + "\n")
    words = vocabulary()
    searches = []
    for _ in range(COUNT):
        params = [("q", query_words(rng, words))]
        if rng.random() < 0.25:
            params.append(("subject", rng.choice(subjects)))
        params.append(("rows", str(rng.choice([10, 25]))))
        if rng.random() < 0.5:
            params.append(("output", "json"))
        searches.append("/v1/documents?" + urllib.parse.urlencode(params))
    (out / "q.txt").write_text("\n".join(searches) + "\n")


def datasets(base, out):
    facets = json.dumps(["organization", "res_format", "theme"])

    def write(name, queries):
        (out / name).write_text("".join(
            "/api/3/action/package_search?" + urllib.parse.urlencode([("q", q), ("facet.field", facets)]) + "\n"
            for q in queries))

    rng = random.Random(SEED)
    common = vocabulary()
    write("search-common.txt", [query_words(rng, common) for _ in range(COUNT)])
    # Known-item queries: words of the title of a dataset picked at random, so that words occur together as
    # they do in the catalogue (drawing each word apart makes a third of the queries find nothing).
    names = get_json(base, "/api/3/action/package_list")["result"]
    rng = random.Random(SEED)
    stop_words = set(common[:30])
    queries = []
    while len(queries) < COUNT:
        name = rng.choice(names)
        title = get_json(base, "/api/3/action/package_show?id=" + urllib.parse.quote(name))["result"]["title"]
        q = title_query_words(rng, title, stop_words)
        if q:
            queries.append(q)
    write("search.txt", queries)
    (out / "words.txt").write_text("\n".join(queries) + "\n")  # the same queries, for the PostgreSQL side


if __name__ == "__main__":
    kind, base, outdir = sys.argv[1], sys.argv[2].rstrip("/"), pathlib.Path(sys.argv[3])
    outdir.mkdir(parents=True, exist_ok=True)
    if kind == "documents":
        documents(base, outdir)
    else:
        datasets(base, outdir)
