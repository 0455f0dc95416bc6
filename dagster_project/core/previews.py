"""Small previews of charts already on disk, for the UI's metadata: Pillow alone, so that a run which
draws no chart does not import matplotlib to show the charts it kept."""

from __future__ import annotations

import io
import os
from pathlib import Path

from PIL import Image


def thumbnail(png: Path, scale: float = 0.4) -> bytes:
    """A smaller PNG of a chart already on disk (for previews): resampled, five times cheaper than
    drawing the figure again. Kept beside the chart (.<name>.thumb), headed by the modification time and
    size of the chart file it was made from, and made again when the chart file is not that one: a run
    that redraws nothing does not decode every chart."""
    cached = png.with_name(f".{png.name}.thumb")
    st = png.stat()
    stamp = f"{st.st_mtime_ns} {st.st_size}\n".encode()
    try:
        data = cached.read_bytes()
        if data.startswith(stamp):
            return data[len(stamp):]
    except OSError:
        pass  # none yet
    with Image.open(png) as im:
        small = im.resize((max(1, round(im.width * scale)), max(1, round(im.height * scale))), Image.BILINEAR, reducing_gap=2.0)
        buf = io.BytesIO()
        small.save(buf, format="PNG", compress_level=3)
    data = buf.getvalue()
    tmp = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(stamp + data)
        os.replace(tmp, cached)
    except OSError:
        tmp.unlink(missing_ok=True)  # a preview not cached is drawn again next time: nothing is lost
    return data
