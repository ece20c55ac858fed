"""Shipped linear models, scored in pure Python.

A trained detector (claims, chrome) ships as a JSON file written by its training script
(``training/<check>/train.py``, scikit-learn in the ``train`` extra only): for each head, a
bias and a weight per named feature. At run time a feature is a string (``"word:best"``,
``"ends-with-period"``) with a value (1.0 when it is simply present); the score is the bias plus
the weighted sum, and the probability its logistic. Nothing here imports numpy, and a model
loads once per process.

File shape (``format`` names the version)::

    {"format": "contentlint-linear/1", "name": "claims", "threshold": 0.5,
     "heads": {"claim": {"bias": -2.1, "weights": {"word:guaranteed": 1.7, ...}}},
     "trained": {"script": "...", "data": "...", "data_sha256": "...", "rows": 4155}}

An optional ``"thresholds": {"report": 0.9, "fix": 0.97}`` names more cut-offs than the one
``threshold`` (``LinearModel.cut(name)``; a name the file lacks falls back to ``threshold``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any, NamedTuple

FORMAT = "contentlint-linear/1"
Features = Mapping[str, float]


class ModelError(ValueError):
    """A model file that is not a contentlint linear model."""


class Head(NamedTuple):
    """One linear scorer: ``bias + sum(weight[f] * value)`` over the features it knows.

    The records here are named tuples: a model loads with a run's first document, and
    creating a dataclass costs it about a millisecond each."""

    bias: float
    weights: Mapping[str, float]

    def score(self, features: Features) -> float:
        weights = self.weights
        total = self.bias
        for name, value in features.items():
            weight = weights.get(name)
            if weight is not None:
                total += weight * value
        return total

    def probability(self, features: Features) -> float:
        return logistic(self.score(features))

    def strongest(self, features: Features, count: int = 3) -> list[tuple[str, float]]:
        """The features that pushed the score up the most, with their contributions."""
        weights = self.weights
        pushed = [
            (name, weights[name] * value)
            for name, value in features.items()
            if name in weights and weights[name] * value > 0
        ]
        pushed.sort(key=lambda item: (-item[1], item[0]))
        return pushed[:count]


class LinearModel(NamedTuple):
    name: str
    threshold: float
    heads: Mapping[str, Head]
    trained: Mapping[str, Any]
    thresholds: Mapping[str, float] = {}  # never changed: one shared empty mapping

    def head(self, name: str) -> Head:
        return self.heads[name]

    def cut(self, name: str) -> float:
        """The named threshold, or the model's one ``threshold`` when the file names none."""
        return self.thresholds.get(name, self.threshold)


class HeadGroup(NamedTuple):
    """Several heads of one model scored together: each feature is looked up once for all of
    them (``head_group``), not once per head."""

    names: tuple[str, ...]
    biases: tuple[float, ...]
    weights: Mapping[str, tuple[tuple[int, float], ...]]  # feature -> (head position, weight)

    def scores(self, features: Features) -> list[float]:
        totals = list(self.biases)
        table = self.weights
        for name, value in features.items():
            entries = table.get(name)
            if entries is not None:
                for position, weight in entries:
                    totals[position] += weight * value
        return totals

    def best(self, features: Features) -> str:
        """The name of the head with the highest score (the first on a tie)."""
        totals = self.scores(features)
        return self.names[totals.index(max(totals))]


def head_group(model: LinearModel, prefix: str) -> HeadGroup:
    """The heads whose names start with ``prefix``, in the model's order."""
    return group({name: head for name, head in model.heads.items() if name.startswith(prefix)})


def group(heads: Mapping[str, Head]) -> HeadGroup:
    """The given heads scored together, in the mapping's order."""
    names = tuple(heads)
    table: dict[str, list[tuple[int, float]]] = {}
    for position, name in enumerate(names):
        for feature, weight in heads[name].weights.items():
            table.setdefault(feature, []).append((position, weight))
    return HeadGroup(
        names,
        tuple(heads[name].bias for name in names),
        {feature: tuple(entries) for feature, entries in table.items()},
    )


def logistic(score: float) -> float:
    if score >= 0:
        return 1.0 / (1.0 + math.exp(-score))
    exp = math.exp(score)
    return exp / (1.0 + exp)


def parse_model(data: Any) -> LinearModel:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ModelError(f"not a {FORMAT} model")
    heads = {
        name: Head(float(head["bias"]), dict(head["weights"]))
        for name, head in dict(data["heads"]).items()
    }
    return LinearModel(
        name=str(data["name"]),
        threshold=float(data["threshold"]),
        heads=heads,
        trained=dict(data.get("trained", {})),
        thresholds={str(k): float(v) for k, v in dict(data.get("thresholds", {})).items()},
    )


@cache
def load_model(package: str, name: str) -> LinearModel:
    """The model file ``name`` shipped inside ``package`` (e.g. ``lint.checks.claims``).

    The parsed JSON is kept in the user's cache (``lint.speed.yamlcache``), keyed by the
    file's text: reading it back is several times faster than parsing thousands of weights.
    """
    import sys

    from lint.speed import packagedata
    from lint.speed.yamlcache import derived

    def parsed() -> Any:
        import json  # only when the cache does not hold the parsed file yet

        return json.loads(text)

    text = packagedata.read_text(package, name)
    data = derived(f"model-{package}-{name}", text, parsed, sys.modules[__name__])
    return parse_model(data)


def binary(names: Iterable[str]) -> dict[str, float]:
    """Features that are simply present, each with the value 1."""
    return dict.fromkeys(names, 1.0)
