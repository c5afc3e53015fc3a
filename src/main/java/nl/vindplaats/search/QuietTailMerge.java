package nl.vindplaats.search;

import org.apache.lucene.index.FilterMergePolicy;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.MergeTrigger;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.TieredMergePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Folds the index's small segments into one once writes have gone quiet.
 *
 * <p>Why: under writes the merge policy keeps a tail of small segments (its low floor keeps each merge cheap, see
 * {@link LuceneIndex}); after a burst of writes two dozen of them may stay for good, and every search pays for each
 * (a term lookup per word and field, a collector and facet counts per segment). Merging them is cheap (they are
 * small) and done only when nothing is being written, so it costs writers nothing.
 *
 * <p>Contract: {@link #tick()} runs periodically on the index's background thread. When the change-log position
 * applied to the index has not moved since the previous tick, it asks the writer once for a merge of every segment
 * below {@link #SMALL_SEGMENT_BYTES} that is not being merged already (if there are {@link #MIN_TAIL_SEGMENTS}); later
 * quiet ticks reopen the view, so searches see the merged segment once the merge (in Lucene's merge threads) is
 * done. A write in between starts the wait again. The periodic commit makes the merge durable.
 */
final class QuietTailMerge {
    private static final Logger LOG = LoggerFactory.getLogger(QuietTailMerge.class);
    /** Segments below this size are the tail; larger ones are left to the tiered policy. */
    static final long SMALL_SEGMENT_BYTES = 64L << 20;
    /**
     * A tail of fewer segments costs searches little, and merging it whenever one more arrives would rewrite the
     * merged tail (up to {@link #SMALL_SEGMENT_BYTES}) at every quiet moment of a node written to now and then.
     */
    static final int MIN_TAIL_SEGMENTS = 8;

    private final LuceneIndex lucene;
    private final LongSupplier appliedSeq;
    private long seenSeq = -1;
    private boolean asked;

    QuietTailMerge(LuceneIndex lucene, LongSupplier appliedSeq) {
        this.lucene = lucene;
        this.appliedSeq = appliedSeq;
    }

    synchronized void tick() {
        long seq = appliedSeq.getAsLong();
        if (seq != seenSeq) {
            seenSeq = seq;
            asked = false;
            return;
        }
        if (!lucene.isHealthy()) {
            return;
        }
        try {
            if (!asked) {
                asked = true;
                // IndexWriter.maybeMerge() asks the policy with the EXPLICIT trigger: only this asks for the tail.
                lucene.writer().maybeMerge();
            } else {
                lucene.searchers().maybeRefresh();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Merging the small segments of the search index failed: {}", e.toString());
        }
    }

    /**
     * The index's merge policy: Lucene's tiered policy as the writes need it, and on an explicit request (only
     * {@link #tick()} makes one) the tail of small segments as one merge.
     */
    static MergePolicy policy(TieredMergePolicy tiered) {
        return new FilterMergePolicy(tiered) {
            @Override
            public MergeSpecification findMerges(MergeTrigger trigger, SegmentInfos infos, MergeContext context)
                    throws IOException {
                if (trigger != MergeTrigger.EXPLICIT) {
                    return super.findMerges(trigger, infos, context);
                }
                List<SegmentCommitInfo> tail = new ArrayList<>();
                for (SegmentCommitInfo info : infos) {
                    if (!context.getMergingSegments().contains(info) && size(info, context) < SMALL_SEGMENT_BYTES) {
                        tail.add(info);
                    }
                }
                if (tail.size() < MIN_TAIL_SEGMENTS) {
                    return null;
                }
                MergeSpecification merges = new MergeSpecification();
                merges.add(new OneMerge(tail));
                return merges;
            }
        };
    }
}
