#!/usr/bin/env python3
"""Expected `ratings --source imported` figures for battles.jsonl, worked out independently of the Java code (numpy
and scipy, its own reading of the file, js-tiktoken's token counts in tokens.json). Run once from this folder:

    python3 expected.py > expected.json

Rules as README "Ratings" states them: every row is one observation, a (model_a) 1, b 0, tie and tie (bothbad) ½,
in tstamp order. Bradley-Terry: maximum likelihood with a tie as half a win each way (the loss of FastChat's
rating_systems.bt_loss_and_grad), ratings 400/ln10 x strength centred on a mean of 1000. Sandwich interval: the
covariance H+ J H+ of the centred strengths (H the Hessian of the summed negative log-likelihood, J the sum of each
observation's gradient outer product, + the pseudo-inverse: the limit of lmarena arena-rank's ridge-regularised
sandwich), rating +- 1.959964 standard errors. Online Elo: FastChat's compute_elo (K 4, base 10, scale 400, 1000).
Style control: features (a - b) / (a + b) per answer's token count (o200k) and Markdown headers, list items and
bold spans (arena-hard-auto's count_markdown_elements after remove_pattern of fenced code), 0 when both are 0,
z-scored with the population standard deviation; penalty 0.5 x 0.5 x |beta|^2 on the coefficients only, added
to the summed negative log-likelihood. Win rate: a model's share of the points against another.
"""
import json
import math
import re

import numpy as np
from scipy.optimize import minimize
from scipy.special import expit

rows = [json.loads(line) for line in open("battles.jsonl") if line.strip()]
rows.sort(key=lambda r: r["tstamp"])
tokens = json.load(open("tokens.json"))

models = sorted({r["model_a"] for r in rows} | {r["model_b"] for r in rows})
index = {m: i for i, m in enumerate(models)}
n = len(models)
a = np.array([index[r["model_a"]] for r in rows])
b = np.array([index[r["model_b"]] for r in rows])
y = np.array([1.0 if r["winner"] == "model_a" else 0.0 if r["winner"] == "model_b" else 0.5 for r in rows])
SCALE = 400 / math.log(10)


def nll(s):
    p = expit(s[a] - s[b])
    loss = -(y * np.log(p) + (1 - y) * np.log(1 - p)).sum()
    g = np.zeros(n)
    np.add.at(g, a, -(y - p))
    np.add.at(g, b, y - p)
    return loss, g


fit = minimize(nll, np.zeros(n), jac=True, method="BFGS", options={"gtol": 1e-11, "maxiter": 10000})
s = fit.x - fit.x.mean()
assert np.abs(nll(s)[1]).max() < 1e-7, "not converged"
ratings = 1000 + SCALE * s

# sandwich
p = expit(s[a] - s[b])
X = np.zeros((len(rows), n))
X[np.arange(len(rows)), a] = 1
X[np.arange(len(rows)), b] = -1
H = (X * (p * (1 - p))[:, None]).T @ X
G = X * (y - p)[:, None]
J = G.T @ G
Hp = np.linalg.pinv(H)
se = np.sqrt(np.diag(Hp @ J @ Hp)) * SCALE
Z = 1.959963984540054

# online Elo
elo = np.full(n, 1000.0)
for i in range(len(rows)):
    e = 1 / (1 + 10 ** ((elo[b[i]] - elo[a[i]]) / 400))
    u = 4 * (y[i] - e)
    elo[a[i]] += u
    elo[b[i]] -= u


# style control
def counts(text):
    plain = text
    for block in re.findall(r"```([^`]*)```", text):
        plain = plain.replace(block, "")
    headers = sum(len(re.findall(r"^#{%d}\s" % k, plain, re.MULTILINE)) for k in range(1, 7))
    lists = len(re.findall(r"^\s*\d+\.\s", plain, re.MULTILINE)) + len(re.findall(r"^\s*[-*+]\s", plain, re.MULTILINE))
    bold = len(re.findall(r"\*\*[^*\n]+\*\*", plain)) + len(re.findall(r"__[^_\n]+__", plain))
    return [tokens[text], headers, lists, bold]


ca = np.array([counts(r["conversation_a"][-1]["content"]) for r in rows], dtype=float)
cb = np.array([counts(r["conversation_b"][-1]["content"]) for r in rows], dtype=float)
total = ca + cb
raw = np.divide(ca - cb, total, out=np.zeros_like(total), where=total > 0)
std = raw.std(axis=0)
F = np.divide(raw - raw.mean(axis=0), std, out=np.zeros_like(raw), where=std > 0)
LAMBDA = 0.5


def style_nll(theta):
    r, beta = theta[:n], theta[n:]
    q = expit(r[a] - r[b] + F @ beta)
    loss = -(y * np.log(q) + (1 - y) * np.log(1 - q)).sum() + 0.5 * LAMBDA * beta @ beta
    g = np.zeros(n + 4)
    np.add.at(g, a, -(y - q))
    np.add.at(g, b, y - q)
    g[n:] = -F.T @ (y - q) + LAMBDA * beta
    return loss, g


sfit = minimize(style_nll, np.zeros(n + 4), jac=True, method="BFGS", options={"gtol": 1e-11, "maxiter": 10000})
sr = sfit.x[:n] - sfit.x[:n].mean()
assert np.abs(style_nll(np.concatenate([sr, sfit.x[n:]]))[1]).max() < 1e-7, "style fit not converged"

points = np.zeros((n, n))
games = np.zeros((n, n))
for i in range(len(rows)):
    points[a[i], b[i]] += y[i]
    points[b[i], a[i]] += 1 - y[i]
    games[a[i], b[i]] += 1
    games[b[i], a[i]] += 1

out = {
    "observations": len(rows),
    "models": {
        m: {
            "rating": round(float(ratings[i]), 6),
            "sandwich_low": round(float(ratings[i] - Z * se[i]), 6),
            "sandwich_high": round(float(ratings[i] + Z * se[i]), 6),
            "elo": round(float(elo[i]), 6),
            "style_rating": round(float(1000 + SCALE * sr[i]), 6),
            "wins": int(sum(1 for k in range(len(rows)) if (a[k] == i and y[k] == 1) or (b[k] == i and y[k] == 0))),
            "ties": int(sum(1 for k in range(len(rows)) if (a[k] == i or b[k] == i) and y[k] == 0.5)),
            "win_rate": {
                o: round(float(points[i, j] / games[i, j]), 9) for j, o in enumerate(models) if games[i, j] > 0
            },
        }
        for i, m in enumerate(models)
    },
    "style_coefficients": dict(zip(["length", "headers", "lists", "bold"], [round(float(v), 6) for v in sfit.x[n:]])),
}
print(json.dumps(out, indent=1, sort_keys=True))
