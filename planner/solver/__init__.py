"""The team solver: supply check, exact reduction, lexicographic CP-SAT stages, hires.

``solve`` is the entry point (see :mod:`planner.solver.solve`); ``supply_check`` and
``recommend_hires`` are the cheap companions the GUI shows before and after a solve.
"""

from planner.solver.hires import recommend_hires
from planner.solver.solve import SolveProgress, solve
from planner.solver.supply import SupplyReport, SupplyRow, supply_check

__all__ = ["SolveProgress", "SupplyReport", "SupplyRow", "recommend_hires", "solve", "supply_check"]
