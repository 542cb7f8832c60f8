"""One definition of met / thin / missing for every view and export."""

from __future__ import annotations

import pytest

from planner.analyses.coverage import CoverageCell, CoverageMatrix, CoverageStatus, coverage_status, gaps_first


@pytest.mark.parametrize(
    ("count", "needed", "status"),
    [
        (0, 1, CoverageStatus.MISSING),
        (1, 1, CoverageStatus.THIN),
        (2, 1, CoverageStatus.MET),
        (1, 2, CoverageStatus.MISSING),  # redundancy 2 (or a critical requirement) not reached
        (2, 2, CoverageStatus.THIN),
        (3, 2, CoverageStatus.MET),
    ],
)
def test_coverage_status(count: int, needed: int, status: CoverageStatus) -> None:
    assert coverage_status(count, needed) is status


def _cell(task: str, skill: str, state: CoverageStatus, must_have: bool = True) -> CoverageCell:
    required = None if state is CoverageStatus.NOT_REQUIRED else 3
    return CoverageCell(task, skill, required, must_have, 0.0, (), (), state)


def test_gaps_first_puts_missing_must_haves_then_nice_to_haves_then_thin_rows_on_top() -> None:
    s = CoverageStatus
    cells = {
        ("t", "met"): _cell("t", "met", s.MET),
        ("t", "thin"): _cell("t", "thin", s.THIN),
        ("t", "nice"): _cell("t", "nice", s.MISSING, must_have=False),
        ("t", "must"): _cell("t", "must", s.MISSING),
        ("t", "free"): _cell("t", "free", s.NOT_REQUIRED),
    }
    matrix = CoverageMatrix(("t",), ("met", "thin", "nice", "must", "free"), cells)
    assert gaps_first(matrix).skills == ("must", "nice", "thin", "met", "free")
    assert gaps_first(matrix, gaps_only=True).skills == ("must", "nice", "thin")
    assert gaps_first(matrix).cells is cells
