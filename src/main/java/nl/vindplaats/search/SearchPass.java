package nl.vindplaats.search;

import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.util.BytesRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One search on one point-in-time view of the index: the page of hits (by the quickest way the query and its sort
 * allow), the total, the facets, the highlights ({@link Highlights}) and the summaries. {@link LuceneIndex} holds
 * the view and {@link SearchIndex} its lifecycle; this class only reads.
 */
final class SearchPass {
    private final Sort indexOrder;
    private final boolean numericIndexOrder;
    private final FacetCounter facetCounter;
    private final FacetCache facetCache = new FacetCache();
    private final LuceneQueries queries;
    private final Highlights highlighter;

    SearchPass(Sort indexOrder, boolean numericIndexOrder, FacetCounter facetCounter, LuceneQueries queries,
               Highlights highlights) {
        this.indexOrder = indexOrder;
        this.numericIndexOrder = numericIndexOrder;
        this.facetCounter = facetCounter;
        this.queries = queries;
        this.highlighter = highlights;
    }

    SearchResult search(IndexSearcher searcher, SearchQuery query) throws IOException {
        Optional<List<LuceneQueries.Word>> plainWords = query.text() == null ? Optional.empty() : queries.plainWords(query.text());
        Query textQuery = QueryLimits.DEFAULT.building(() -> queries.textQuery(query, plainWords));
        Query full = LuceneQueries.fullQuery(query, textQuery);
        QueryLimits.DEFAULT.check(full, searcher.getIndexReader());
        int wanted = Math.max(1, query.offset() + query.limit());
        Sort sort = LuceneQueries.sort(query.sort());
        if (textQuery == null && query.extra() == null) {
            // Nothing scores: every match has the same score, so sorting by it orders nothing, and without it a
            // sort that begins like the index order stops early (CKAN's default sort starts with the score).
            sort = new Sort(Arrays.stream(sort.getSort()).filter(f -> f.getType() != SortField.Type.SCORE)
                    .toArray(SortField[]::new));
        }
        boolean scored = Arrays.stream(sort.getSort()).anyMatch(f -> f.getType() == SortField.Type.SCORE);
        // The same matches without scoring every text field, where the query allows it: for counting them, and
        // for the page itself when no sort key is the score.
        Query matching = queries.matchQuery(query, plainWords).map(words -> LuceneQueries.fullQuery(query, words)).orElse(full);
        if (!scored) {
            full = matching;
        }
        if (query.limit() == 0 && query.facets().isEmpty()) {
            // Only the number of matches: counted without ranking, collecting or reading anything per match.
            return new SearchResult(searcher.count(matching), List.of(), Map.of());
        }
        if (numericIndexOrder && sort.equals(indexOrder) && query.facets().isEmpty() && !query.countTotal()) {
            return IndexOrderPage.of(searcher, full, indexOrder, query.offset(), wanted);
        }
        boolean relevanceFirst = sort.getSort()[0].getType() == SortField.Type.SCORE;
        if (relevanceFirst) {
            // Ties by the ids' plain bytes. Other sorts keep Lucene's sort on the ids: one that begins like the
            // index order can then stop collecting early.
            SortField[] fields = sort.getSort().clone();
            fields[fields.length - 1] = IdOrder.sortField();
            sort = new Sort(fields);
        }
        // No separate scoring pass: a relevance sort has each hit's score among its sort values already.
        // Counting stops at a thousand matches, or as soon as the page is full for a query that wants no total
        // or has facets (their pass counts every match): collecting may then stop early or skip documents.
        // A relevance sort also collects its first thousand matches whole, as Lucene's own search(query, n)
        // does: skipping by block maxima from the first full page costs more CPU than it saves on queries with
        // some hundreds of matches.
        int countUpTo = (query.countTotal() && query.facets().isEmpty()) || relevanceFirst ? Math.max(wanted, 1000)
                : wanted;
        TopFieldCollectorManager topHits = new TopFieldCollectorManager(sort, wanted, null, countUpTo);
        TopFieldDocs top;
        // Counts of a search without words may have been counted on this searcher already (browsing repeats them).
        FacetCounter.Counts facets = query.facets().isEmpty() || textQuery != null ? null
                : facetCache.get(searcher, matching, query.facets(), query.facetLimit());
        boolean counted = facets != null;
        // Where several words each match far more documents than they match together, Lucene would score every
        // document of the first word to rank a few: a pass that counts the matches (for the total or the facets)
        // first records them, and they lead the ranking (RecordedMatches).
        boolean severalWords = relevanceFirst && plainWords.map(words -> words.size() > 1).orElse(false);
        long recordedTotal = -1;
        if (query.facets().isEmpty() && severalWords && query.countTotal()) {
            RecordedMatches matches = searcher.search(matching, RecordedMatches.recording(searcher.getIndexReader()));
            recordedTotal = matches.total();
            top = searcher.search(fewTogether(searcher, query, plainWords.get(), recordedTotal)
                    ? matches.leading(full) : full, topHits);
        } else if (query.facets().isEmpty() || counted) {
            top = searcher.search(full, topHits);
        } else if (severalWords) {
            Object[] both = searcher.search(matching, new MultiCollectorManager(
                    facetCounter.counting(query.facets(), query.facetLimit()),
                    RecordedMatches.recording(searcher.getIndexReader())));
            facets = (FacetCounter.Counts) both[0];
            top = searcher.search(fewTogether(searcher, query, plainWords.get(), facets.total())
                    ? ((RecordedMatches) both[1]).leading(full) : full, topHits);
        } else if (relevanceFirst) {
            // Facets count every match, but only the page needs scores: counting without scores, then ranking with
            // scoring that skips documents that cannot reach the page, costs less than scoring every match.
            facets = searcher.search(matching, facetCounter.counting(query.facets(), query.facetLimit()));
            top = searcher.search(full, topHits);
        } else {
            // Facets visit every match anyway: the page is collected in the same pass, not in a second one.
            Object[] both = searcher.search(full, new MultiCollectorManager(topHits,
                    facetCounter.counting(query.facets(), query.facetLimit())));
            top = (TopFieldDocs) both[0];
            facets = (FacetCounter.Counts) both[1];
        }
        if (!counted && facets != null && textQuery == null) {
            facetCache.put(searcher, matching, query.facets(), query.facetLimit(), facets);
        }
        int scoreAt = -1;
        for (int k = 0; k < sort.getSort().length && scoreAt < 0; k++) {
            scoreAt = sort.getSort()[k].getType() == SortField.Type.SCORE ? k : -1;
        }
        long total = recordedTotal >= 0 ? recordedTotal : total(searcher, matching, top, facets, query.countTotal());
        ScoreDoc[] page = Arrays.copyOfRange(top.scoreDocs,
                Math.min(query.offset(), top.scoreDocs.length), top.scoreDocs.length);
        byte[][] summaries = summaries(searcher, page);
        Map<String, String[]> highlights = query.highlight() && textQuery != null && page.length > 0
                ? highlighter.of(searcher, textQuery, LuceneQueries.highlighted(query), page,
                        query.highlightSummaries(), query.highlightTexts(), summaries)
                : Map.of();
        List<SearchResult.Hit> hits = new ArrayList<>(page.length);
        for (int i = 0; i < page.length; i++) {
            // The id is the last sort value of every hit (sort() always ends with it): reading it from
            // the stored fields would decompress a whole block of stored text per hit.
            Object[] sortValues = ((FieldDoc) page[i]).fields;
            String id = ((BytesRef) sortValues[sortValues.length - 1]).utf8ToString();
            Map<String, List<String>> marked = new LinkedHashMap<>();
            for (var entry : highlights.entrySet()) {
                String fragment = entry.getValue()[i];
                if (fragment != null) {
                    marked.put(entry.getKey(), List.of(fragment.split("\u2029")));
                }
            }
            float score = scoreAt >= 0 && sortValues[scoreAt] instanceof Float f ? f : 0f;
            hits.add(new SearchResult.Hit(id, score, marked, summaries[i]));
        }
        return new SearchResult(total, hits, facets == null ? Map.of() : facets.facets());
    }

    /**
     * Whether the words match together in fewer than half the documents the rarest of them is in (counted field by
     * field, as ranking scores them): then ranking led by the matches scores far fewer documents. Where they are
     * together nearly wherever they are apart, Lucene's own skipping by score is left to do its work.
     */
    private static boolean fewTogether(IndexSearcher searcher, SearchQuery query, List<LuceneQueries.Word> words,
                                       long matches) throws IOException {
        long rarest = Long.MAX_VALUE;
        for (LuceneQueries.Word word : words) {
            long documents = 0;
            for (String field : query.textFields().keySet()) {
                documents += searcher.getIndexReader().docFreq(new Term(field,
                        query.exactFields().contains(field) ? word.typed() : word.term()));
            }
            rarest = Math.min(rarest, documents);
        }
        return 2 * matches < rarest;
    }

    private static byte[][] summaries(IndexSearcher searcher, ScoreDoc[] page) throws IOException {
        byte[][] out = new byte[page.length][];
        Integer[] byDoc = new Integer[page.length];
        Arrays.setAll(byDoc, i -> i);
        Arrays.sort(byDoc, Comparator.comparingInt(i -> page[i].doc));
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = null;
        BinaryDocValues values = null;
        for (int i : byDoc) {
            int doc = page[i].doc;
            if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
                leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
                values = leaf.reader().getBinaryDocValues(IndexFields.SUMMARY);
            }
            if (values != null && values.advanceExact(doc - leaf.docBase)) {
                out[i] = BytesRef.deepCopyOf(values.binaryValue()).bytes;
            }
        }
        return out;
    }

    /**
     * The number of matches without a second pass where one is not needed: the top-hits pass counts
     * exactly up to a thousand matches, and the facet pass visits every match anyway.
     */
    private static long total(IndexSearcher searcher, Query query, TopFieldDocs top, FacetCounter.Counts facets,
                              boolean counted) throws IOException {
        if (top.totalHits.relation() == TotalHits.Relation.EQUAL_TO) {
            return top.totalHits.value();
        }
        if (facets != null) {
            return facets.total();
        }
        return counted ? searcher.count(query) : top.totalHits.value();
    }
}
