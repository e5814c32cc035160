package io.arenainstruct.studio.service.agreement;

import java.util.List;

/**
 * Agreement over one set of battles (all, or one category).
 *
 * @param humanBattles      battles with a human majority verdict (what judges are compared with)
 * @param splitBattles      battles whose people split (no majority): left out of the judges' figures
 * @param alphaUnits        battles with at least two annotators (the units of alpha)
 * @param krippendorffAlpha nominal alpha over all annotators; null when it cannot be computed
 */
public record AgreementReport(
        List<JudgeAgreement> judges,
        List<AnnotatorAgreement> annotators,
        Double krippendorffAlpha,
        long humanBattles,
        long splitBattles,
        long alphaUnits) {
    public AgreementReport {
        judges = List.copyOf(judges);
        annotators = List.copyOf(annotators);
    }
}
