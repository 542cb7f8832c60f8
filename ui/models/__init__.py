"""Qt item models over the domain objects of a project (candidates, tasks, requirements)."""
