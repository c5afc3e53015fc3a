import java.util.Random;
import java.util.TreeSet;

/**
 * How fast this machine is at the moment, in the terms a search spends its time on: reads scattered over
 * arrays of 200,000 documents (three facet fields counted over sorted random matches). Printed as
 * nanoseconds per document; bench/read records it with every run, so that runs on a shared machine can be
 * compared (the same machine measured 11 and 17 ns an hour apart on 2026-11-26).
 *
 *     java bench/MachineProbe.java
 */
public class MachineProbe {
    public static void main(String[] args) {
        int maxDoc = 200_000;
        int[] labels = {1500, 130, 12};
        Random random = new Random(1);
        int[][] ords = new int[labels.length][maxDoc];
        for (int f = 0; f < labels.length; f++) {
            for (int d = 0; d < maxDoc; d++) {
                ords[f][d] = random.nextInt(labels[f]);
            }
        }
        int[][] matches = new int[200][];
        for (int s = 0; s < matches.length; s++) {
            TreeSet<Integer> docs = new TreeSet<>();
            int n = 3000 + random.nextInt(20_000);
            while (docs.size() < n) {
                docs.add(random.nextInt(maxDoc));
            }
            matches[s] = docs.stream().mapToInt(Integer::intValue).toArray();
        }
        double best = Double.MAX_VALUE;
        long sink = 0;
        for (int round = 0; round < 10; round++) {
            long start = System.nanoTime();
            long docs = 0;
            for (int[] set : matches) {
                int[][] counts = {new int[labels[0]], new int[labels[1]], new int[labels[2]]};
                for (int d : set) {
                    for (int f = 0; f < labels.length; f++) {
                        counts[f][ords[f][d]]++;
                    }
                }
                docs += set.length;
                sink += counts[0][0];
            }
            best = Math.min(best, (System.nanoTime() - start) / (double) docs);
        }
        System.out.printf("%.1f ns per document (best of 10 rounds; %d)%n", best, sink % 10);
    }
}
