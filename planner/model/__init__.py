"""The domain model: catalog, candidates, requirements, constraints, projects, scenarios and plans."""
