package io.arenainstruct.studio.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.Hashes;

class HashPrefixSetTest {
    @Test
    void everyAddedHashIsFoundAndUnknownOnesAreAlmostNever() {
        HashPrefixSet set = new HashPrefixSet();
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String h = Hashes.sha256("added " + i);
            set.add(h);
            added.add(h);
        }
        assertThat(added).allMatch(set::mayContain);
        int falsePositives = 0;
        for (int i = 0; i < 20_000; i++) {
            if (set.mayContain(Hashes.sha256("never added " + i))) {
                falsePositives++;
            }
        }
        // 64-bit prefixes: a collision among 20,000 random hashes is astronomically unlikely.
        assertThat(falsePositives).isZero();
    }

    @Test
    void aHashWhosePrefixIsZeroIsStillRemembered() {
        HashPrefixSet set = new HashPrefixSet();
        String zero = "0000000000000000" + "f".repeat(48);
        assertThat(set.mayContain(zero)).isFalse();
        set.add(zero);
        assertThat(set.mayContain(zero)).isTrue();
    }

    @Test
    void keysThatAreNotHexStillWork() {
        HashPrefixSet set = new HashPrefixSet();
        set.add("h1");
        set.add("not-a-hash-but-long-enough");
        assertThat(set.mayContain("h1")).isTrue();
        assertThat(set.mayContain("not-a-hash-but-long-enough")).isTrue();
        assertThat(set.mayContain("h2")).isFalse();
    }
}
