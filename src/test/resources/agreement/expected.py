#!/usr/bin/env python3
"""Expected `agreement --json` figures for the hand-written rows in this folder, worked out independently of the
Java code (standard library only, its own reading of the files). Run once from this folder:

    python3 expected.py > expected.json

Rules as README "Agreement" states them: verdicts are A, B or tie (tie (bothbad) is a tie); an annotator's last
row on a battle is their vote; the human verdict is the class more than half of the annotators gave, else the
battle is split and left out of the judges' figures; a FastChat judge's battle verdict combines its two games as
FastChat's show_result counts them (a win only when both games name the same model, anything else a tie); a game
with "error" decides nothing and leaves the
judge without a battle verdict. Game 1 shows model_1 first, game 2 model_2. Battles are keyed by question, the two
models either way round and turn; A is the first human row's model_a (human.jsonl is imported first).
"""
import json
from collections import OrderedDict


def rows(name):
    with open(name) as f:
        return [json.loads(line) for line in f if line.strip()]


CATEGORY = {str(q["id"]): q["category"] for q in rows("questions.jsonl")}
battles = OrderedDict()


def battle_key(r, m1, m2):
    return (str(r["question_id"]), tuple(sorted([m1, m2])), r.get("turn", 1))


for r in rows("human.jsonl"):
    k = battle_key(r, r["model_a"], r["model_b"])
    if k not in battles:
        battles[k] = {"a": r["model_a"], "b": r["model_b"], "category": CATEGORY[str(r["question_id"])],
                      "length": {}, "people": OrderedDict(), "judges": OrderedDict()}
    b = battles[k]
    if "conversation_a" in r:
        b["length"].setdefault(r["model_a"], len(r["conversation_a"][-1]["content"]))
        b["length"].setdefault(r["model_b"], len(r["conversation_b"][-1]["content"]))
    w = r["winner"]
    winner = r["model_a"] if w == "model_a" else r["model_b"] if w == "model_b" else "tie"
    b["people"].pop(r["judge"], None)  # the last row of an annotator is their vote
    b["people"][r["judge"]] = winner

for name in ["gpt-4_pair.jsonl", "gpt-3.5-turbo_pair.jsonl"]:
    for r in rows(name):
        b = battles[battle_key(r, r["model_1"], r["model_2"])]
        m1, m2 = r["model_1"], r["model_2"]

        def named(w):
            return {"model_1": m1, "model_2": m2, "tie": "tie"}.get(w)  # "error": None

        g1, g2 = named(r["g1_winner"]), named(r["g2_winner"])
        if g1 is None or g2 is None:
            verdict = None
        else:
            # FastChat's own show_result count: a win only when both games name the same model
            verdict = g1 if g1 == g2 else "tie"
        b["judges"][r["judge"][0]] = {"verdict": verdict, "games": [(g1, m1), (g2, m2)]}


def cls(b, winner):
    return "A" if winner == b["a"] else "B" if winner == b["b"] else "tie"


def share(part, whole):
    return None if whole == 0 else part / whole


def kappa(pairs):
    n = len(pairs)
    if n == 0:
        return None
    po = sum(1 for x, y in pairs if x == y) / n
    pe = sum((sum(1 for x, _ in pairs if x == c) / n) * (sum(1 for _, y in pairs if y == c) / n)
             for c in ("A", "B", "tie"))
    return None if pe == 1 else (po - pe) / (1 - pe)


def majority(b):
    votes = [cls(b, w) for w in b["people"].values()]
    for c in ("A", "B", "tie"):
        if votes.count(c) * 2 > len(votes):
            return c
    return None


def report(selected):
    judges = sorted({j for b in selected for j in b["judges"]})
    out_judges = []
    for j in judges:
        pairs, games, consistent, first, longer = [], [], [], [], []
        for b in selected:
            h = majority(b)
            if h is None or j not in b["judges"]:
                continue
            v = b["judges"][j]
            if v["verdict"] is not None:
                said = cls(b, v["verdict"])
                pairs.append((said, h))
                la, lb = b["length"][b["a"]], b["length"][b["b"]]
                if said != "tie" and la != lb:
                    longer.append(b["length"][v["verdict"]] == max(la, lb))
            decided = [(g, shown) for g, shown in v["games"] if g is not None]
            games += [cls(b, g) == h for g, _ in decided]
            first += [g == shown for g, shown in decided if g != "tie"]
            if len(decided) == 2:
                consistent.append(decided[0][0] == decided[1][0])
        no_ties = [(x, y) for x, y in pairs if x != "tie" and y != "tie"]
        out_judges.append({
            "judge": j, "prompt_version": None, "battles": len(pairs),
            "agreement": share(sum(x == y for x, y in pairs), len(pairs)),
            "agreement_without_ties": share(sum(x == y for x, y in no_ties), len(no_ties)),
            "kappa": kappa(pairs),
            "game_agreement": share(sum(games), len(games)),
            "position_consistency": share(sum(consistent), len(consistent)),
            "first_position_wins": share(sum(first), len(first)),
            "longer_wins": share(sum(longer), len(longer)),
        })
    names = sorted({p for b in selected for p in b["people"]})
    out_pairs = []
    for i, x in enumerate(names):
        for y in names[i + 1:]:
            both = [(cls(b, b["people"][x]), cls(b, b["people"][y])) for b in selected
                    if x in b["people"] and y in b["people"]]
            if both:
                out_pairs.append({"a": x, "b": y, "battles": len(both),
                                  "agreement": share(sum(p == q for p, q in both), len(both)),
                                  "kappa": kappa(both)})
    # Krippendorff's alpha, nominal: D_o / D_e over all pairable values
    units = [[cls(b, w) for w in b["people"].values()] for b in selected if len(b["people"]) >= 2]
    values = [v for u in units for v in u]
    n = len(values)
    d_o = sum(sum(1 for i, x in enumerate(u) for k, y in enumerate(u) if i != k and x != y) / (len(u) - 1)
              for u in units) / n if n else 0
    d_e = (sum(1 for i, x in enumerate(values) for k, y in enumerate(values) if i != k and x != y) / (n * (n - 1))
           if n > 1 else 0)
    alpha = None if n < 2 or d_e == 0 else 1 - d_o / d_e
    return {"judges": out_judges, "annotators": out_pairs, "krippendorff_alpha": alpha,
            "battles_with_human_verdict": sum(1 for b in selected if majority(b) is not None),
            "battles_left_out_split": sum(1 for b in selected if majority(b) is None),
            "alpha_battles": len(units)}


everything = list(battles.values())
result = report(everything)
result["categories"] = {c: report([b for b in everything if b["category"] == c])
                        for c in sorted({b["category"] for b in everything})}
print(json.dumps(result, indent=2))
