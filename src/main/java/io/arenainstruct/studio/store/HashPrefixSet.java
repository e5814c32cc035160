package io.arenainstruct.studio.store;

import java.util.HexFormat;

/**
 * The first 8 bytes of every answered request hash, in an open-addressing set of longs (8 to 16 bytes a row):
 * a cache miss is then known without asking H2, which is most calls of a new run.
 */
final class HashPrefixSet {
    private long[] slots = new long[1024];
    private boolean hasZero;
    private int size;

    static long prefix(String sha256Hex) {
        if (sha256Hex.length() >= 16) {
            try {
                return HexFormat.fromHexDigitsToLong(sha256Hex, 0, 16);
            } catch (IllegalArgumentException notHex) {
                // fall through: any other key still works, through its string hash
            }
        }
        return sha256Hex.hashCode() * 0x9E3779B97F4A7C15L;
    }

    synchronized void add(String sha256Hex) {
        long key = prefix(sha256Hex);
        if (key == 0) {
            hasZero = true;
            return;
        }
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        if (insert(slots, key)) {
            size++;
        }
    }

    /** False means "certainly never answered"; true means "maybe", and the store has the last word. */
    synchronized boolean mayContain(String sha256Hex) {
        long key = prefix(sha256Hex);
        if (key == 0) {
            return hasZero;
        }
        int mask = slots.length - 1;
        for (int i = mix(key) & mask; slots[i] != 0; i = (i + 1) & mask) {
            if (slots[i] == key) {
                return true;
            }
        }
        return false;
    }

    private static boolean insert(long[] table, long key) {
        int mask = table.length - 1;
        int i = mix(key) & mask;
        while (table[i] != 0) {
            if (table[i] == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = key;
        return true;
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long key : slots) {
            if (key != 0) {
                insert(bigger, key);
            }
        }
        slots = bigger;
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
