"""Team Planner's domain floor: catalog, project, candidates, requirements, plans.

Nothing in this package imports Qt; the desktop app (``ui``) and the command line
(``planner.cli``) are both thin layers over it.
"""

__version__ = "0.1.0"
