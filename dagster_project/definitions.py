"""Dagster's entry point: every definition under defs/ is loaded from the folder."""

from pathlib import Path

import dagster as dg

import dagster_project.defs

try:
    defs = dg.load_from_defs_folder(path_within_project=Path(__file__).resolve().parent)
except dg.DagsterError:
    # Installed from a wheel there is no pyproject.toml above the package to find the project by;
    # the same defs/ module is loaded directly.
    defs = dg.load_defs(defs_root=dagster_project.defs, project_root=Path(__file__).resolve().parent.parent)
