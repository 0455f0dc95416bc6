"""The raw-folder sensor: a new, changed or removed file starts a run that reads only what changed."""

import hashlib
import os

import dagster as dg

from dagster_project.defs.jobs import refresh
from dagster_project.defs.resources import HuiyiStore


def raw_fingerprint(raw_dir) -> str:
    """A hash of every file's path, size and modification time: cheap, no file is opened."""
    h = hashlib.sha1()
    for dirpath, dirnames, filenames in os.walk(raw_dir):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            p = os.path.join(dirpath, name)
            try:
                st = os.stat(p)
            except OSError:
                continue
            h.update(f"{os.path.relpath(p, raw_dir)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


@dg.sensor(
    job=refresh,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Watches the raw folder; when a file is added, changed or removed, materialises everything but the weekly report. "
    "The run reads only the files the ledger has not seen.",
)
def raw_folder_sensor(context: dg.SensorEvaluationContext, store: HuiyiStore):
    raw = store.paths.raw
    if not raw.is_dir():
        return dg.SkipReason(f"The raw folder {raw} does not exist.")
    fp = raw_fingerprint(raw)
    if context.cursor == fp:
        return dg.SkipReason("No file in the raw folder changed.")
    context.update_cursor(fp)
    # No run_key: the daemon never repeats a key, and a folder may come back to an earlier state
    # (a file removed, then restored with its old time); the cursor alone prevents repeats.
    return dg.RunRequest(tags={"huiyi/trigger": "raw folder changed"})
