"""Bundled example projects and candidate spreadsheets (a package only so they install)."""
