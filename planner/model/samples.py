"""Seeded synthetic candidate pools shaped like the Playbook's role profiles.

Used by the bundled examples and the benchmarks. Each person is drawn around one role's
profile (so pools have the structure real applicant pools have: clusters of similar
people), with per-person seniority, per-skill noise, occasional specialities (deep
learning, SQL, CUDA, dashboards) and a salary that grows with seniority and skill.
Never uniform noise: a uniform pool is much easier (and less realistic) to staff.
"""

from __future__ import annotations

import random

from planner.model.candidates import Candidate
from planner.model.catalog import Catalog

FIRST_NAMES = (
    "Maya Liam Ana Noah Priya Mateo Aisha Lucas Mei Omar Sofia Ethan Zara Diego Hana Kofi Elena Ravi "
    "Chloe Tariq Ines Jonas Amara Felix Yuki Leo Nadia Samir Ingrid Tomas Leila Arjun Freya Kenji Lucia "
    "Emeka Sara Viktor Nia Pablo Aiko Hugo Fatima Marco Jin Olga Kwame Rosa Idris Mila"
).split()
LAST_NAMES = (
    "Okafor Chen Garcia Novak Patel Rossi Kim Silva Müller Haddad Nakamura Dubois Mensah Kowalski Ivanova "
    "Santos Larsen Ahmed Costa Weber Park Fischer Moreau Nguyen Ali Schmidt Tanaka Lopez Jensen Ortiz "
    "Bianchi Sato Hoffmann Rahman Andersen Murphy Yilmaz Varga Lindqvist Banda"
).split()

# Typical base salary (annual, USD) per role; scaled by seniority.
BASE_SALARY = {
    "data_scientist": 150_000,
    "data_analyst": 105_000,
    "machine_learning_engineer": 170_000,
    "machine_learning_researcher": 185_000,
    "software_engineer_ml": 165_000,
    "software_engineer": 140_000,
}

# Skills a role's people often bring beyond the charted profile, with a typical level.
SPECIALITIES = {
    "data_scientist": {"visualization_languages": 3, "data_query_languages": 3, "deep_learning": 2},
    "data_analyst": {"visualization_languages": 4, "data_query_languages": 5},
    "machine_learning_engineer": {"deep_learning": 4, "accelerator_languages": 2, "data_query_languages": 3},
    "machine_learning_researcher": {"deep_learning": 4, "research": 5, "accelerator_languages": 3},
    "software_engineer_ml": {"data_query_languages": 4, "deep_learning": 2, "accelerator_languages": 2},
    "software_engineer": {"data_query_languages": 4, "accelerator_languages": 1},
}


def generate_pool(catalog: Catalog, size: int, seed: int = 0, *, name_prefix: str = "") -> list[Candidate]:
    """``size`` candidates with unique names, reproducible for a given ``seed``."""
    rng = random.Random(seed)
    roles = [r for r in catalog.roles]
    weights = [3 if r.id in ("software_engineer", "data_scientist") else 2 for r in roles]
    taken: set[str] = set()
    pool: list[Candidate] = []
    for index in range(size):
        role = rng.choices(roles, weights)[0]
        seniority = rng.choice((-2, -1, -1, 0, 0, 0, 1))  # most people sit a little below the profile
        ratings: dict[str, float] = {}
        extras = SPECIALITIES.get(role.id, {})
        for skill in catalog.skills:
            target = max(role.level(skill.id), extras.get(skill.id, 0) if rng.random() < 0.6 else 0)
            if target == 0 and rng.random() < 0.75:
                continue
            value = target + seniority + rng.choice((-1, 0, 0, 0, 1))
            value = min(catalog.scale.max, max(catalog.scale.min, value))
            if value > 0:
                ratings[skill.id] = float(value)
        base = BASE_SALARY.get(role.id, 140_000)
        cost = round(base * (1 + 0.12 * seniority) * rng.uniform(0.9, 1.1), -3)
        name = _unique_name(rng, taken, index, name_prefix)
        pool.append(
            Candidate(name=name, ratings=ratings, cost=cost, email=_email(name), notes=f"Applied as {role.name}")
        )
    return pool


def _unique_name(rng: random.Random, taken: set[str], index: int, prefix: str) -> str:
    for _ in range(20):
        name = f"{prefix}{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if name not in taken:
            taken.add(name)
            return name
    name = f"{prefix}{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {index + 1}"
    taken.add(name)
    return name


def _email(name: str) -> str:
    ascii_name = name.lower().replace("ü", "u").replace(" ", ".")
    return f"{ascii_name}@example.com"
