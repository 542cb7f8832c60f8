"""Fuzzing the project-file loader: mutated bytes of a saved ``.teamplan``, and a random JSON value of
any type at every path of a project file.

``load_project`` returns a project or raises ``ProjectFileError``, nothing else; a project it
returns saves again (no ``inf`` or ``NaN`` gets in). CI runs a modest number of examples; a long
campaign sets ``TEAMPLANNER_FUZZ_EXAMPLES`` (see README).
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.errors import ProjectFileError
from planner.io.project_file import load_project, project_to_dict, save_project
from tests.test_project_file import sample_project

pytestmark = pytest.mark.filterwarnings(  # hypothesis' failure explanation imports it; not our code
    "ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning"
)
EXAMPLES = int(os.environ.get("TEAMPLANNER_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=30),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize="TEAMPLANNER_FUZZ_EXAMPLES" not in os.environ,
)


@functools.cache
def seed_document() -> str:
    project = sample_project()
    project.scenarios = []
    return json.dumps(project_to_dict(project), indent=1)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in a JSON document (the root included)."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths(item, (*prefix, index))


@functools.cache
def all_paths() -> tuple[tuple[Any, ...], ...]:
    return tuple(paths(json.loads(seed_document())))


NUMBERS = st.one_of(
    st.integers(),
    st.integers(min_value=10**18, max_value=10**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0, -1, 1e308, -1e308, 5e-324, 2**63]),
)
JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), NUMBERS, st.text(max_size=20)),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


def replace_at(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return document


def check(path: Path) -> None:
    try:
        project = load_project(path)
    except ProjectFileError as exc:
        assert str(path) in str(exc) and "\n" not in str(exc)
        return
    save_project(project, path.with_name("again.teamplan"))  # a loaded project always saves


@FUZZ
@given(data=st.data(), value=JSON_VALUES)
def test_any_json_value_at_any_path(tmp_path: Path, data: st.DataObject, value: Any) -> None:
    where = data.draw(st.sampled_from(all_paths()))
    document = replace_at(json.loads(seed_document()), where, value)
    path = tmp_path / "p.teamplan"
    path.write_text(json.dumps(document), encoding="utf-8")
    check(path)


@FUZZ
@given(data=st.data())
def test_mutated_bytes(tmp_path: Path, data: st.DataObject) -> None:
    raw = bytearray(seed_document().encode())
    for _ in range(data.draw(st.integers(1, 6))):
        where = data.draw(st.integers(0, len(raw) - 1))
        action = data.draw(st.sampled_from(["replace", "insert", "delete", "nest"]))
        if action == "replace":
            raw[where] = data.draw(st.integers(0, 255))
        elif action == "insert":
            raw[where:where] = data.draw(st.sampled_from([b"1e999", b"9" * 5000, b"NaN", b"[", b"{", b'"', b"\\u0000"]))
        elif action == "delete":
            del raw[where : where + data.draw(st.integers(1, 100))]
        else:
            depth = data.draw(st.integers(100, 200_000))
            raw[where:where] = b"[" * depth + b"]" * depth
    path = tmp_path / "p.teamplan"
    path.write_bytes(bytes(raw))
    check(path)
