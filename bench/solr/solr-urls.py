#!/usr/bin/env python3
"""Turns bench/read's package_search request lines into the Solr requests CKAN's package_search sends for them.

    bench/solr/solr-urls.py CORE_PATH < search.txt > solr-search.txt      # CORE_PATH e.g. /solr/ckan

What CKAN adds, from ckan/logic/action/get.py (package_search) and ckan/lib/search/query.py
(PackageSearchQuery.run), for an anonymous caller on a site with its defaults:
- fq: '+capacity:public  +state:(active)' (not include_private; states), '+site_id:"default"', and the
  permission labels of an anonymous user, '+permission_labels:("public")';
- sort 'score desc, metadata_modified desc' (ckan.search.default_package_sort), rows + 1 (the "#1683" extra
  row), start 0, fl 'id validated_data_dict' (each result is that stored JSON);
- facet=true, facet.limit 50 (search.facets.limit), facet.mincount 1, one facet.field per requested field;
- q without a colon: defType dismax, tie 0.1, mm '2<-1 5<80%', qf 'name^4 title^4 tags^2 groups^2 text';
  df text, q.op AND; wt json.
"""
import json
import sys
import urllib.parse

core = sys.argv[1].rstrip("/")
for line in sys.stdin:
    line = line.strip()
    if not line:
        continue
    params = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(line).query))
    q = params.get("q") or "*:*"
    rows = int(params.get("rows", 10))
    solr = [
        ("q", q),
        ("fq", "+capacity:public  +state:(active)"),
        ("fq", '+site_id:"default"'),
        ("fq", '+permission_labels:("public")'),
        ("sort", params.get("sort", "score desc, metadata_modified desc")),
        ("rows", str(rows + 1 if rows > 0 else rows)),
        ("start", params.get("start", "0")),
        ("fl", "id validated_data_dict"),
        ("facet", "true"),
        ("facet.limit", params.get("facet.limit", "50")),
        ("facet.mincount", params.get("facet.mincount", "1")),
    ]
    solr += [("facet.field", f) for f in json.loads(params.get("facet.field", "[]"))]
    if ":" not in q:
        solr += [("defType", "dismax"), ("tie", "0.1"), ("mm", "2<-1 5<80%"),
                 ("qf", "name^4 title^4 tags^2 groups^2 text")]
    solr += [("df", "text"), ("q.op", "AND"), ("wt", "json")]
    print(core + "/select?" + urllib.parse.urlencode(solr))
