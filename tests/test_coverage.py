"""One definition of met / thin / missing for every view and export."""

from __future__ import annotations

import pytest

from planner.analyses.coverage import CoverageStatus, coverage_status


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
