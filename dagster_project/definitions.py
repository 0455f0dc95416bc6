"""Dagster's entry point: every definition under defs/ is loaded from the folder."""

import gc
from pathlib import Path

import dagster as dg

import dagster_project.defs

try:
    defs = dg.load_from_defs_folder(path_within_project=Path(__file__).resolve().parent)
except dg.DagsterError:
    # Installed from a wheel there is no pyproject.toml above the package to find the project by;
    # the same defs/ module is loaded directly.
    defs = dg.load_defs(defs_root=dagster_project.defs, project_root=Path(__file__).resolve().parent.parent)

# What is loaded by now (Dagster, the assets, pandas, pyarrow: most of a process's objects) lives as long as
# the process. Frozen, it is left out of the garbage collector's full passes, which otherwise walk it
# again several times a run: in a day's run on the full corpus one such pass cost theme_scoring 0.15 s,
# and the steps' sum fell from 2.05-2.27 s to 1.75-1.92 s (three runs each way).
gc.freeze()
