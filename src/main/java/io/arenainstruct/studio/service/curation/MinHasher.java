package io.arenainstruct.studio.service.curation;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.commons.codec.digest.MurmurHash3;

/**
 * MinHash over word shingles (decision 0014). A shingle is {@value #SHINGLE_WORDS} words in a row of the normalised
 * text (a text of fewer words is one shingle of all of them), hashed with MurmurHash3 (32 bits, x86). Each of the
 * {@value #PERMUTATIONS} permutations is a multiply-add-shift hash {@code (a·x + b) >>> 32} over the 32-bit shingle
 * hash, with odd {@code a} and any {@code b} drawn from a fixed seed: the same text always gets the same signature.
 */
public final class MinHasher {
    public static final int SHINGLE_WORDS = 3;
    public static final int PERMUTATIONS = 128;
    public static final long SEED = 0x5EED_0014L;

    private static final long[] A = new long[PERMUTATIONS];
    private static final long[] B = new long[PERMUTATIONS];

    static {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < PERMUTATIONS; i++) {
            A[i] = random.nextLong() | 1L;
            B[i] = random.nextLong();
        }
    }

    private MinHasher() {}

    /** The distinct shingle hashes of normalised words, sorted; empty for no words. */
    public static int[] shingles(List<String> words) {
        if (words.isEmpty()) {
            return new int[0];
        }
        int count = Math.max(1, words.size() - SHINGLE_WORDS + 1);
        int[] hashes = new int[count];
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.setLength(0);
            int end = Math.min(words.size(), i + SHINGLE_WORDS);
            for (int j = i; j < end; j++) {
                if (j > i) {
                    sb.append(' ');
                }
                sb.append(words.get(j));
            }
            hashes[i] = MurmurHash3.hash32x86(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        return Arrays.stream(hashes).sorted().distinct().toArray();
    }

    /** Exact Jaccard of two sorted distinct shingle sets; 0 when either is empty. */
    public static double jaccard(int[] a, int[] b) {
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (double) common / (a.length + b.length - common);
    }

    /** Fills {@code out} (length {@link #PERMUTATIONS}) with the signature of a non-empty shingle set. */
    public static void signature(int[] shingles, int[] out) {
        for (int p = 0; p < PERMUTATIONS; p++) {
            long a = A[p];
            long b = B[p];
            long min = Long.MAX_VALUE;
            for (int s : shingles) {
                long v = (a * Integer.toUnsignedLong(s) + b) >>> 32;
                if (v < min) {
                    min = v;
                }
            }
            out[p] = (int) min;
        }
    }

    /** The bucket key of each band: its rows' values mixed into 64 bits (SplitMix64's finaliser per row). */
    public static void bandKeys(int[] signature, LshBands bands, long[] out) {
        for (int band = 0; band < bands.bands(); band++) {
            long h = 0x9E37_79B9_7F4A_7C15L;
            for (int row = band * bands.rows(); row < (band + 1) * bands.rows(); row++) {
                h = mix(h ^ Integer.toUnsignedLong(signature[row]));
            }
            out[band] = h;
        }
    }

    static long mix(long z) {
        z += 0x9E37_79B9_7F4A_7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
