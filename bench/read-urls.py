#!/usr/bin/env python3
"""Writes the deterministic request lists of the read benchmarks (issue 4 and 5), one path a line.

    bench/read-urls.py documents BASE_URL OUTDIR   # OUTDIR/lists.txt, OUTDIR/q.txt
    bench/read-urls.py datasets  BASE_URL OUTDIR   # OUTDIR/search.txt, OUTDIR/search-common.txt, OUTDIR/words.txt

Filter values are read from the running service (the infotype lists: only values that occur), query
words from the Dutch text the corpora were generated from; a fixed seed picks the combinations, so
every run sends the same requests in the same order.

Datasets are searched with two mixes: search.txt draws its words by the corpus's own law (Zipf, over
the vocabulary BulkLoad wrote to OUTDIR/vocabulary.txt), as people search for the words a catalogue
uses; search-common.txt only with the 384 real words (the corpus's most frequent), each of which occurs
in 1 to 25 % of the datasets: the worst case.
"""
import json
import math
import pathlib
import random
import re
import sys
import urllib.parse
import urllib.request

SEED = 4
COUNT = 5000
RESOURCES = pathlib.Path(__file__).resolve().parent.parent / "src/test/resources/bench/rijksoverheid"


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


def corpus_query_words(rng, words):
    """One to three words by the corpus's Zipf law, without its 30 most frequent words and short words."""
    count = rng.choice([1, 1, 2, 2, 3])
    low = math.log(31) / math.log(len(words) + 1)
    picked = []
    while len(picked) < count:
        word = words[min(len(words) - 1, int((len(words) + 1) ** rng.uniform(low, 1.0)) - 1)]
        if len(word) > 3 and word not in picked:
            picked.append(word)
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


def datasets(out):
    facets = json.dumps(["organization", "res_format", "theme"])

    def write(name, queries):
        (out / name).write_text("".join(
            "/api/3/action/package_search?" + urllib.parse.urlencode([("q", q), ("facet.field", facets)]) + "\n"
            for q in queries))

    rng = random.Random(SEED)
    write("search-common.txt", [query_words(rng, vocabulary()) for _ in range(COUNT)])
    corpus_words = (out / "vocabulary.txt").read_text(encoding="utf-8").split()
    rng = random.Random(SEED)
    queries = [corpus_query_words(rng, corpus_words) for _ in range(COUNT)]
    write("search.txt", queries)
    (out / "words.txt").write_text("\n".join(queries) + "\n")  # the same queries, for the PostgreSQL side


if __name__ == "__main__":
    kind, base, outdir = sys.argv[1], sys.argv[2].rstrip("/"), pathlib.Path(sys.argv[3])
    outdir.mkdir(parents=True, exist_ok=True)
    if kind == "documents":
        documents(base, outdir)
    else:
        datasets(outdir)
