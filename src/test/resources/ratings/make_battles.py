#!/usr/bin/env python3
"""Writes battles.jsonl: 500 Chatbot-Arena rows among six made-up models, drawn from known strengths with a
planted length effect, ties and both-bad votes, answers with Markdown headers, lists, bold spans and fenced code.
Deterministic (seeded). Run once from this folder: python3 make_battles.py > battles.jsonl
"""
import json
import math
import random

rng = random.Random(7)
MODELS = {"falcon-q": 1100, "lynx-7b": 1040, "otter-2": 1000, "wren-mini": 980, "heron-xl": 950, "moth-1": 900}
VERBOSE = {"heron-xl": 3.0, "moth-1": 1.0}  # how much longer these models write (heron-xl: a verbose weak model)
names = list(MODELS)


def answer(model):
    words = int(rng.randint(3, 20) * VERBOSE.get(model, 1.0))
    lines = []
    if rng.random() < 0.3:
        lines.append("#" * rng.randint(1, 3) + " Summary")
    lines.append(" ".join(["the"] * words))
    for _ in range(rng.choice([0, 0, 1, 3])):
        lines.append(rng.choice(["- ", "* ", "1. ", "  2. "]) + "the point")
    if rng.random() < 0.4:
        lines.append("so **the** one and __the__ other" if rng.random() < 0.5 else "**the key**")
    if rng.random() < 0.2:
        lines.append("```\n# not a header\n- not a list **nor bold**\n```")
    return "\n".join(lines)


def length_feature(a, b):
    ta, tb = len(a.split()), len(b.split())
    return (ta - tb) / (ta + tb)


for i in range(500):
    a, b = rng.sample(names, 2)
    text_a, text_b = answer(a), answer(b)
    logit = math.log(10) / 400 * (MODELS[a] - MODELS[b]) + 1.5 * length_feature(text_a, text_b)
    p = 1 / (1 + math.exp(-logit))
    u = rng.random()
    if u < 0.05:
        winner = "tie (bothbad)"
    elif u < 0.17:
        winner = "tie"
    else:
        winner = "model_a" if rng.random() < p else "model_b"
    question = "Question %d: the" % i
    print(json.dumps({
        "model_a": a,
        "model_b": b,
        "winner": winner,
        "judge": "annotator_%d" % (i % 5),
        "tstamp": 1700000000 + 10 * i,
        "conversation_a": [{"role": "user", "content": question}, {"role": "assistant", "content": text_a}],
        "conversation_b": [{"role": "user", "content": question}, {"role": "assistant", "content": text_b}],
    }))
