"""Zip archives whose bytes depend only on their contents.

In: (member name, bytes) pairs; ``docx_members`` reads them from a DOCX python-docx saved.
Out: zip bytes with every member dated from the edition the caller gives (the ceremony day at
noon; 1980-01-01, zip's first day, without one), Unix permissions 0644, deflated, in the order
given: an unzipped kit shows a meaningful date, never the building machine's clock. The same
members give the same bytes on any machine and at any time, so
a rebuilt site uploads no changed kit and a cache can be checked by hash.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Iterable

FIXED_DATE = (1980, 1, 1, 0, 0, 0)
_PERMISSIONS = 0o100644 << 16  # a regular file, rw-r--r--
# Members already compressed gain nothing from deflate: they are stored as they are.
_COMPRESSED = (".png", ".pdf", ".docx", ".zip", ".jpg", ".jpeg", ".woff2")


def _date_time(when: datetime.datetime | None) -> tuple[int, int, int, int, int, int]:
    # Zip dates have no time zone: the instant's own wall-clock fields are written.
    if when is None:
        return FIXED_DATE
    return (when.year, when.month, when.day, when.hour, when.minute, when.second)


def _info(name: str, date_time: tuple[int, ...]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=date_time)
    stored = name.lower().endswith(_COMPRESSED)
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, whatever the building machine is
    info.external_attr = _PERMISSIONS
    return info


def deterministic_zip(
    members: Iterable[tuple[str, bytes]], when: datetime.datetime | None = None
) -> bytes:
    """A zip of the members in the given order, dated ``when``; a repeated name is a bug."""
    date_time = _date_time(when)
    buffer = io.BytesIO()
    seen: set[str] = set()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            if name in seen:
                raise ValueError(f"duplicate zip member: {name}")
            seen.add(name)
            archive.writestr(_info(name, date_time), data, compresslevel=6)
    return buffer.getvalue()


# python-docx's default template carries a thumbnail of a blank page titled "python-docx":
# dropped, with its relationship, so no stranger's image travels with our documents.
_THUMBNAIL = "docProps/thumbnail.jpeg"
_THUMBNAIL_REL = re.compile(rb"<Relationship [^>]*Target=\"docProps/thumbnail\.jpeg\"[^>]*/>")


def docx_members(data: bytes) -> list[tuple[str, bytes]]:
    """The members of a DOCX saved by python-docx, in its order, without the thumbnail."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = []
        for info in source.infolist():
            if info.filename == _THUMBNAIL:
                continue
            content = source.read(info.filename)
            if info.filename == "_rels/.rels":
                content = _THUMBNAIL_REL.sub(b"", content)
            members.append((info.filename, content))
    return members
