"""Data files shipped with Team Planner (the Playbook catalog, icons).

This is a package only so that the files install with Team Planner; use
:func:`planner.resources.resource_path` to find them.
"""
