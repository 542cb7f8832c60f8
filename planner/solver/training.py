"""Upskilling as options of the model: members trained a level at a time where it covers a requirement.

Data (:func:`training_levels`, in prepare): ``levels[c, q]`` is how many levels candidate c
needs to reach requirement q's level by training, or 0 when c already meets q or cannot be
trained for it: no foundation (rating below 1), more than ``max_levels_per_skill`` levels
needed, or longer than the deadline allows (``needed_within_weeks`` caps the levels a person
can take at ``W // weeks_per_level``). A level needed is ``ceil(level - rating)``.

Reduction (exact): the reduction compares options by a *structure* bit matrix. With
training on, requirement q contributes ``1 + S`` columns: "meets q", and for k = 1..S "meets
q or can reach it in at most k levels". Option A's columns containing B's means A needs no
more training than B for every requirement, so A can take B's tasks and B's training
targets (or fewer levels of them) at no more cost and time, within the same per-skill and
per-person limits: the exchange argument of :mod:`planner.solver.reduce` carries over.

Model (:class:`TrainingVars`): for a type k, pattern j, skill s and target level L that
some requirement on the pattern's tasks needs, ``x[k,j,s,L]`` counts the type's members on
that pattern trained in s up to L. At most one target per skill per member
(``sum_L x <= take``), at most ``max_levels_per_person`` levels per member
(``sum d*x <= P * take``), and a trained member covers every requirement of s at or below L
on its tasks. The per-member limits on counts are exact: types whose members need more than
one level anywhere are modelled one person per type (``needs_single``), and for one-level
types any counts within these sums can be dealt to members round-robin (each skill's units go
to distinct members because ``sum_L x <= take``; each member gets at most ``ceil(total / take)
<= P`` units), which :meth:`TrainingVars.assign` does.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from ortools.sat.python import cp_model

from planner.model.constraints import Constraints
from planner.model.requirements import Requirement

if TYPE_CHECKING:
    from planner.solver.model import Selection
    from planner.solver.prepare import Prepared


@dataclass(frozen=True)
class TrainingLimits:
    """The policy in the model's terms: levels per skill and per person after the deadline."""

    per_skill: int
    per_person: int
    cost_cents: int
    weeks_per_level: int

    @property
    def active(self) -> bool:
        return self.per_skill > 0 and self.per_person > 0


def training_limits(constraints: Constraints) -> TrainingLimits:
    """The effective limits: off when disabled; the deadline caps the levels a person can take."""
    policy = constraints.training
    if not policy.enabled:
        return TrainingLimits(0, 0, 0, policy.weeks_per_level)
    per_person = policy.max_levels_per_person
    deadline = constraints.needed_within_weeks
    if deadline is not None and policy.weeks_per_level > 0:
        per_person = min(per_person, deadline // policy.weeks_per_level)
    per_skill = min(policy.max_levels_per_skill, per_person)
    return TrainingLimits(per_skill, per_person, round(policy.cost_per_level * 100), policy.weeks_per_level)


def training_levels(
    ratings: npt.NDArray[np.float64],
    skill_col: dict[str, int],
    requirements: tuple[Requirement, ...],
    limits: TrainingLimits,
) -> npt.NDArray[np.int8]:
    """candidates x requirements: levels of training that make the candidate meet it (0: none/not possible)."""
    levels = np.zeros((ratings.shape[0], len(requirements)), dtype=np.int8)
    if not limits.active:
        return levels
    for q, req in enumerate(requirements):
        rating = ratings[:, skill_col[req.skill]]
        need = np.ceil(req.level - rating - 1e-9).astype(np.int64)
        ok = (rating >= 1) & (rating < req.level) & (need <= limits.per_skill)
        levels[ok, q] = need[ok]
    return levels


def structure(meets: npt.NDArray[np.bool_], levels: npt.NDArray[np.int8], per_skill: int) -> npt.NDArray[np.bool_]:
    """The reduction's structure columns: meets, then "meets or within k levels" for k = 1..per_skill."""
    blocks = [meets]
    trainable = levels > 0
    for k in range(1, per_skill + 1):
        blocks.append(meets | (trainable & (levels <= k)))
    return np.concatenate(blocks, axis=1) if len(blocks) > 1 else meets


@dataclass
class _Target:
    type_index: int
    pattern: int
    skill: str
    level: int
    levels: int  # training levels it takes (the same for every member of the type)
    var: cp_model.IntVar


class TrainingVars:
    """The training variables of one model, and what they add to coverage and cost."""

    def __init__(
        self,
        model: cp_model.CpModel,
        requirements: tuple[Requirement, ...],
        req_task: tuple[int, ...],
        types: list[tuple[int, list[tuple[int, tuple[int, ...]]], dict[int, int]]],
        take: list[list[cp_model.IntVar]],
        limits: TrainingLimits,
    ) -> None:
        """``types``: per model type, (capacity, patterns, {requirement: levels needed})."""
        self.targets: list[_Target] = []
        self.coverers: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        self.supply: dict[int, int] = defaultdict(int)
        levels_terms: list[cp_model.LinearExpr] = []
        for k, (capacity, patterns, trainable) in enumerate(types):
            if not trainable:
                continue
            for q in trainable:
                self.supply[q] += capacity
            for j, (_, tasks) in enumerate(patterns):
                by_skill: dict[str, dict[int, int]] = defaultdict(dict)  # skill -> level -> levels needed
                for q, d in trainable.items():
                    if req_task[q] in tasks:
                        by_skill[requirements[q].skill][requirements[q].level] = d
                if not by_skill:
                    continue
                weighted = []
                for skill, targets in sorted(by_skill.items()):
                    row = []
                    for level, d in sorted(targets.items()):
                        var = model.new_int_var(0, capacity, f"x{k}_{j}_{skill}_{level}")
                        self.targets.append(_Target(k, j, skill, level, d, var))
                        row.append(var)
                        weighted.append(cp_model.LinearExpr.term(var, d))
                        for q, dq in trainable.items():
                            r = requirements[q]
                            if req_task[q] in tasks and r.skill == skill and r.level <= level and dq:
                                self.coverers[q].append(var)
                    model.add(cp_model.LinearExpr.sum(row) <= take[k][j])
                model.add(cp_model.LinearExpr.sum(weighted) <= limits.per_person * take[k][j])
                levels_terms.extend(weighted)
        self.levels = cp_model.LinearExpr.sum(levels_terms)

    def assign(self, value: list[int], people: dict[tuple[int, int], list[int]]) -> tuple[tuple[int, str, int], ...]:
        """(candidate, skill, to level) per training, dealt round-robin to the members of each (type, pattern)."""
        units: dict[tuple[int, int], list[tuple[str, int]]] = defaultdict(list)
        for target in self.targets:
            units[target.type_index, target.pattern].extend([(target.skill, target.level)] * value[target.var.index])
        out = []
        for key, items in units.items():
            members = people.get(key, [])
            for i, (skill, level) in enumerate(sorted(items)):
                out.append((members[i % len(members)], skill, level))
        return tuple(out)


def levels_between(rating: float, level: int) -> int:
    """Training levels from ``rating`` up to ``level`` (a part level counts as a whole one)."""
    return max(0, math.ceil(level - rating - 1e-9))


def training_effect(prep: Prepared, selection: Selection) -> tuple[dict[int, int] | None, int]:
    """Requirements newly met by ``selection``'s training (index -> members), and the levels it takes.

    None instead of the dict when a training breaks a rule (not a member, no foundation, over
    a limit); recomputed from the prepared data, for :mod:`planner.solver.incumbent`.
    """
    extra: dict[int, int] = defaultdict(int)
    if not selection.training:
        return extra, 0
    if prep.train_levels is None:
        return None, 0
    tasks_of = {option.candidate: tasks for option, tasks in selection.members}
    trained: dict[int, dict[str, int]] = defaultdict(dict)
    for candidate, skill, level in selection.training:
        if candidate not in tasks_of or skill in trained[candidate]:
            return None, 0
        trained[candidate][skill] = level
    total = 0
    limits = prep.training
    for candidate, skills in trained.items():
        person = 0
        for skill, level in skills.items():
            need = [
                q
                for q, r in enumerate(prep.requirements)
                if r.skill == skill and prep.req_task[q] in tasks_of[candidate] and not prep.meets[candidate, q]
            ]
            reached = [q for q in need if prep.requirements[q].level <= level and prep.train_levels[candidate, q] > 0]
            if not reached:
                return None, 0
            person += max(int(prep.train_levels[candidate, q]) for q in reached)
            for q in reached:
                extra[q] += 1
        if person > limits.per_person:
            return None, 0
        total += person
    return extra, total
