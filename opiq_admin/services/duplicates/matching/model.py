"""The Fellegi–Sunter model: m- and u-probabilities per comparison level, estimated per scan.

For each field and level, m is how often true pairs show that level and u how often two
different people of one school do; ln(m/u) is the level's weight. u is counted on random
(old, new) pairs drawn within each school, m and the prior are estimated by
expectation–maximisation on the candidate pairs of the very scan, as splink and the
record-linkage literature do it (u held fixed during EM). Both start from defaults that
act as pseudo-counts, so that a scan of one small school still has sensible weights and a
national scan is decided by its own data.

The prior is per old account: with probability π it has a partner among the new accounts
of its school, each of the n equally likely a priori, and with 1 − π none (a pupil who
left, or one not yet in a transferred journal). π itself is estimated. The posterior of a
pair is weighed against the old account's other candidates, the new account's other
candidates and "no partner at all" together, so that a rival or a real chance of no
partner lowers the score instead of being a separate rule.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from opiq_admin.services.duplicates.matching import compare as cmp

# Default m and u per field, level 1 first (level 0 weighs nothing). Rough values for
# Estonian school rosters; each scan moves them towards its own data.
DEFAULT_M: tuple[tuple[float, ...], ...] = (
    (0.86, 0.03, 0.02, 0.04, 0.01, 0.02, 0.01, 0.01),  # given
    (0.88, 0.03, 0.0001, 0.04, 0.01, 0.02, 0.01, 0.01),  # family
    (0.98, 0.02),  # name order: straight, swapped
    (0.98, 0.01, 0.01),  # code
    (0.9495, 0.01, 0.04, 0.0005),  # birth
    (0.05, 0.03, 0.02, 0.01, 0.05, 0.839, 0.001),  # email
    (0.85, 0.1, 0.02, 0.02, 0.01),  # email year
    (0.9, 0.05, 0.02, 0.03),  # school
    (0.55, 0.25, 0.1, 0.04, 0.02, 0.04),  # class
    (0.9867, 0.013, 0.0003),  # age
    (0.998, 0.002),  # created
    (0.5, 0.5),  # licence
)
DEFAULT_U: tuple[tuple[float, ...], ...] = (
    (0.02, 0.002, 0.001, 0.005, 0.02, 0.003, 0.01, 0.94),
    (0.01, 0.001, 0.0001, 0.004, 0.02, 0.002, 0.005, 0.958),
    (0.95, 0.05),  # among pairs whose names agree one way or the other
    (1e-6, 1e-6, 0.99),
    (0.0005, 0.0002, 0.01, 0.989),
    (1e-5, 1e-4, 0.001, 0.1, 0.2, 0.699, 0.001),
    (0.15, 0.1, 0.5, 0.1, 0.15),
    (0.6, 0.05, 0.15, 0.2),
    (0.05, 0.05, 0.3, 0.1, 0.3, 0.2),
    (0.7, 0.05, 0.25),
    (0.5, 0.5),
    (0.4, 0.6),
)
# Fields whose u is not counted on random pairs: every pair of one school shares the
# school, and two people never share an ID code (a small school's "random" pairs are all
# its pairs, the true ones included).
FIXED_U = frozenset({cmp.SCHOOL, cmp.CODE, cmp.SWAP})
# Fields whose m is not estimated: too rare among true candidates to learn (the few pairs
# with such a level are the doubtful ones EM would count as true), too decisive to guess.
# The name order's u is not that of random pairs either: given names and surnames already
# say how well the names agree, and the order only says whether they were swapped.
FIXED_M = frozenset({cmp.CODE, cmp.SWAP, cmp.AGE})
U_PSEUDO = 50.0  # weight of the default u, in random pairs
M_PSEUDO = 50.0  # weight of the default m, in true pairs
PI_DEFAULT, PI_PSEUDO = 0.8, 10.0
NAME_DEFAULT, NAME_PSEUDO = 0.003, 1000.0  # a name's share of a nation, before counting
TF_PSEUDO = 30.0  # a school's own name counts weigh like this many accounts of the nation
NAMESAKE_DEFAULT, NAMESAKE_PSEUDO = 1e-4, 10_000.0  # two of a school with one full name
EM_ROUNDS = 8
BP_ROUNDS = 6  # message-passing rounds of the one-to-one posterior
ODDS_CAP = 30.0
FLOOR = 1e-6


@dataclass(slots=True)
class Model:
    m: list[list[float]]
    u: list[list[float]]
    pi: float = PI_DEFAULT  # the whole scan's
    school_pi: list[float] = field(default_factory=list)  # per school, drawn towards pi
    weights: list[list[float]] = field(default_factory=list)

    def refresh(self) -> None:
        self.weights = [[0.0] + [math.log(max(m, FLOOR) / max(u, FLOOR))
                                 for m, u in zip(ms, us, strict=True)]
                        for ms, us in zip(self.m, self.u, strict=True)]
        for k in (cmp.GIVEN, cmp.FAMILY):
            # A name that agrees only in part, or only nearly, is never better evidence
            # than the same name: rare levels have few random pairs to count u on, and the
            # part that agrees ("Saar" of "Kütt-Saar") may be a common name.
            row = self.weights[k]
            row[cmp.N_EXACT + 1:] = [min(w, row[cmp.N_EXACT]) for w in row[cmp.N_EXACT + 1:]]


def default_model() -> Model:
    model = Model([list(m) for m in DEFAULT_M], [list(u) for u in DEFAULT_U])
    model.refresh()
    return model


def estimate_u(model: Model, random_levels: npt.ArrayLike) -> None:
    """u from levels of random within-school pairs, the defaults as U_PSEUDO pseudo-pairs."""
    levels = np.asarray(random_levels, dtype=np.int64).reshape(-1, len(model.u))
    for k in range(len(model.u)):
        if k in FIXED_U:
            continue
        size = len(model.u[k])
        counts = np.bincount(levels[:, k], minlength=size + 1)[1:size + 1].astype(float)
        seen = float(counts.sum())
        model.u[k] = [(c + U_PSEUDO * d) / (seen + U_PSEUDO)
                      for c, d in zip(counts.tolist(), DEFAULT_U[k], strict=True)]
    _school_u(model, levels[:, cmp.SCHOOL])
    model.refresh()


def _school_u(model: Model, school_levels: npt.NDArray[np.int64]) -> None:
    """The roles' u among pairs of one school, counted; "no school in common" kept.

    The prior already pairs an old account only with the new accounts of its own school,
    so the school itself is no evidence; what is, is whether the roles agree, and how
    often two people of one school share a role is the school's mix of pupils and
    teachers (mostly pupils), not a guess.
    """
    inside = (cmp.S_SAME_ROLE, cmp.S_SAME, cmp.S_ROLE_CLASH)
    defaults = [DEFAULT_U[cmp.SCHOOL][level - 1] for level in inside]
    total_default = sum(defaults)
    counts = [float((school_levels == level).sum()) for level in inside]
    seen = sum(counts)
    for level, c, d in zip(inside, counts, defaults, strict=True):
        model.u[cmp.SCHOOL][level - 1] = (c + U_PSEUDO * d / total_default) / (seen + U_PSEUDO)


@dataclass(slots=True)
class Candidates:
    """Candidate pairs in the compact form EM iterates over (lists or arrays alike)."""

    olds: npt.ArrayLike = field(default_factory=list)  # index of the old account
    news: npt.ArrayLike = field(default_factory=list)
    patterns: npt.ArrayLike = field(default_factory=list)  # index into `levels`
    extra: npt.ArrayLike = field(default_factory=list)  # term-frequency adjustment, log
    levels: npt.ArrayLike = field(default_factory=list)  # unique vectors
    prior_share: npt.ArrayLike = field(default_factory=list)  # per old account: 1/n_new
    school_of: npt.ArrayLike = field(default_factory=list)  # per old account: its school
    olds_in: npt.ArrayLike = field(default_factory=list)  # per school: old accounts there


def _weights(model: Model, levels: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """The summed weight of each distinct level vector."""
    total = np.zeros(len(levels))
    for k, weights in enumerate(model.weights):
        total += np.asarray(weights)[levels[:, k]]
    return total


def posteriors(model: Model, c: Candidates, rounds: int = BP_ROUNDS
               ) -> npt.NDArray[np.float64]:
    """Each pair's probability under the one-to-one constraint, by belief propagation.

    Every old account has at most one partner and every new account at most one; the
    pairs' odds (prior times likelihood ratio) are weighed against the old account's other
    candidates, the new account's other candidates and "no partner" together. A rival
    counts only as far as it is free: a new account its own old account already claims
    with certainty takes little from an old account that has the same name, as namesakes
    and twins do. Sum-product messages on the bipartite graph of candidates (exact where
    the candidates of one name form a tree, as they nearly always do); a single round
    would be close to a plain normalisation against all rivals at once.
    """
    olds = np.asarray(c.olds, dtype=np.int64)
    news = np.asarray(c.news, dtype=np.int64)
    levels = np.asarray(c.levels, dtype=np.int64).reshape(-1, len(model.weights))
    pattern_w = _weights(model, levels)
    n_schools = len(np.asarray(c.olds_in))
    pis = np.asarray(model.school_pi if len(model.school_pi) else [model.pi] * n_schools)
    # The prior odds of each old account's pairs: π/(1 − π) of its school times 1/n.
    prior = (pis / (1.0 - pis))[np.asarray(c.school_of, dtype=np.int64)] * np.asarray(
        c.prior_share, dtype=float)
    # Odds capped at e^30: a certainty beyond that changes no decision, and the sums of the
    # messages below stay exact enough to subtract one term from.
    exponent = np.minimum(pattern_w[np.asarray(c.patterns, dtype=np.int64)]
                          + np.asarray(c.extra, dtype=float), ODDS_CAP)
    odds = prior[olds] * np.exp(exponent)
    from_new = np.ones(len(odds))  # what each pair's new account leaves free for it
    from_old = from_new
    n_olds, n_news = len(prior), int(news.max()) + 1 if len(news) else 0
    for _ in range(max(rounds, 1)):
        offer = odds * from_new
        by_old = np.bincount(olds, weights=offer, minlength=n_olds)
        from_old = 1.0 / np.maximum(1.0, 1.0 + by_old[olds] - offer)
        claim = odds * from_old
        by_new = np.bincount(news, weights=claim, minlength=n_news)
        from_new = 1.0 / np.maximum(1.0, 1.0 + by_new[news] - claim)
    belief = odds * from_old * from_new
    posterior: npt.NDArray[np.float64] = belief / (1.0 + belief)
    return posterior


def expect_maximise(model: Model, c: Candidates, n_olds: int,
                    rounds: int = EM_ROUNDS) -> npt.NDArray[np.float64]:
    """m and π by EM on the candidates (u fixed); returns the final posteriors."""
    levels = np.asarray(c.levels, dtype=np.int64).reshape(-1, len(model.m))
    patterns = np.asarray(c.patterns, dtype=np.int64)
    olds = np.asarray(c.olds, dtype=np.int64)
    school_of = np.asarray(c.school_of, dtype=np.int64)
    olds_in = np.asarray(c.olds_in, dtype=float)
    probs = posteriors(model, c)
    for _ in range(rounds):
        mass = np.bincount(patterns, weights=probs, minlength=len(levels))
        for k in range(len(model.m)):
            if k in FIXED_M:
                continue
            size = len(model.m[k])
            counts = np.bincount(levels[:, k], weights=mass, minlength=size + 1)[1:size + 1]
            total = float(counts.sum())
            model.m[k] = [(x + M_PSEUDO * d) / (total + M_PSEUDO)
                          for x, d in zip(counts.tolist(), DEFAULT_M[k], strict=True)]
        model.pi = min(0.995, (float(mass.sum()) + PI_PSEUDO * PI_DEFAULT) / (n_olds + PI_PSEUDO))
        found = np.bincount(school_of[olds], weights=probs, minlength=len(olds_in))
        model.school_pi = np.minimum(0.995, (found + PI_PSEUDO * model.pi)
                                     / (olds_in + PI_PSEUDO)).tolist()
        model.refresh()
        new_probs = posteriors(model, c)
        change = float(np.abs(new_probs - probs).max()) if len(probs) else 0.0
        probs = new_probs
        if change < 1e-3:
            break
    return probs


@lru_cache(maxsize=4096)
def strength(weight: float) -> str:
    """A weight in words: how much likelier the level is for one person than for two."""
    size = abs(weight)
    word = ("hardly any" if size < 0.4 else "weak" if size < 1.5 else "moderate" if size < 3
            else "strong" if size < 6 else "very strong")
    factor = math.exp(size)
    shown = f"{factor:.1f}" if factor < 10 else f"{factor:,.0f}".replace(",", " ")
    if weight >= 0:
        return f"{word} evidence for one person, ×{shown}"
    return f"{word} evidence against, ×1/{shown}"
