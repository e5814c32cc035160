package io.arenainstruct.studio.service.agreement;

/**
 * How often two sources gave each pair of classes on the same battles (rows: the first source, columns: the
 * second), and the figures read from it. A figure that cannot be computed is null, never 0.
 */
public final class ConfusionTable {
    private static final int K = AgreementClass.values().length;
    private final long[][] counts = new long[K][K];
    private long n;

    public void add(AgreementClass first, AgreementClass second) {
        counts[first.ordinal()][second.ordinal()]++;
        n++;
    }

    public long count(AgreementClass first, AgreementClass second) {
        return counts[first.ordinal()][second.ordinal()];
    }

    /** Battles counted. */
    public long total() {
        return n;
    }

    private long same() {
        long same = 0;
        for (int k = 0; k < K; k++) {
            same += counts[k][k];
        }
        return same;
    }

    /** Share of battles where both gave the same class; null without battles. */
    public Double agreement() {
        return Figures.share(same(), n);
    }

    /** Agreement over the battles where neither source says tie; null when there are none. */
    public Double agreementWithoutTies() {
        int a = AgreementClass.A.ordinal();
        int b = AgreementClass.B.ordinal();
        long decided = counts[a][a] + counts[a][b] + counts[b][a] + counts[b][b];
        return Figures.share(counts[a][a] + counts[b][b], decided);
    }

    /**
     * Cohen's kappa: (p_o − p_e) / (1 − p_e), p_o the observed agreement, p_e the agreement expected by chance from
     * each source's own class shares (Σ_k rows_k × columns_k / n²). Null without battles, and when p_e is 1 (both
     * sources always gave one and the same class: chance explains everything, kappa is undefined).
     */
    public Double kappa() {
        if (n == 0) {
            return null;
        }
        double expected = 0;
        for (int k = 0; k < K; k++) {
            long row = 0;
            long column = 0;
            for (int j = 0; j < K; j++) {
                row += counts[k][j];
                column += counts[j][k];
            }
            expected += (double) row * column;
        }
        expected /= (double) n * n;
        if (expected >= 1.0) {
            return null;
        }
        double observed = (double) same() / n;
        return (observed - expected) / (1 - expected);
    }
}
