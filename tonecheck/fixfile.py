"""Fixing files: the fixed bytes, a unified diff, and an atomic write that loses nothing.

The file's text is fixed as the checker reads it (same format, same options), pass after
pass, until nothing more is fixable. Only findings whose positions refer to the file
itself are fixed (not a subject given on the command line, not a decoded ``.eml`` body).
The bytes written keep the file's byte order mark, line endings and everything outside
the fixed spans; the file's permissions are kept; a file that changed since it was read
is not overwritten.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import stat
import tempfile
from collections.abc import Collection
from pathlib import Path

from .checker import Checker
from .errors import InputError
from .findings import Report
from .fixes import FixResult, fix_text
from .message import parse_bytes

_BOM = b"\xef\xbb\xbf"


def fix_bytes(
    checker: Checker,
    data: bytes,
    name: str,
    *,
    subject: str | None = None,
    input_format: str = "auto",
    unsafe: bool = False,
    only: Collection[str] = (),
) -> tuple[bytes, FixResult]:
    """``data`` (a file's bytes) with its fixes applied, and what was done.

    Raises :class:`InputError` when the bytes cannot be read as the file's format.
    """

    def check(raw: bytes) -> Report:
        return checker.check_message(
            parse_bytes(raw, name, subject, checker.read_options, input_format)
        )

    text = file_text(data)
    if text is None:  # not UTF-8: positions refer to decoded text, nothing is fixable
        return data, FixResult("", (), check(data))
    # The first pass checks the text as read: the same bytes, since it is valid UTF-8.
    result = fix_text(text, lambda t: check(with_bom(data, t)), unsafe=unsafe, only=only)
    return (with_bom(data, result.text) if result.passes else data), result


def with_bom(original: bytes, text: str) -> bytes:
    """``text`` as UTF-8, with a byte order mark if ``original`` had one."""
    return (_BOM if original.startswith(_BOM) else b"") + text.encode("utf-8")


def file_text(data: bytes) -> str | None:
    """A file's text as positions refer to it (UTF-8, without a byte order mark)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def unified_diff(name: str, before: bytes, after: bytes) -> str:
    """A unified diff that ``patch -p0`` applies to ``name`` (line endings kept)."""
    old = before.decode("utf-8", errors="surrogateescape").splitlines(keepends=True)
    new = after.decode("utf-8", errors="surrogateescape").splitlines(keepends=True)
    lines = []
    for line in difflib.unified_diff(old, new, fromfile=name, tofile=name):
        if line.endswith("\n"):
            lines.append(line)
        else:  # the file's last line has no newline: say so, as diff(1) does
            lines.append(line + "\n\\ No newline at end of file\n")
    return "".join(lines)


def write_atomic(path: str | Path, expected: bytes, data: bytes) -> None:
    """Replace the file at ``path`` (through a symlink, the file it points to) with
    ``data``, if it still holds ``expected``.

    The new bytes go to a temporary file in the same directory, are flushed to disk, take
    the old file's permissions (and owner, where allowed), and are renamed over it, so a
    reader sees the old file or the new one, never half of one.
    """
    target = Path(os.path.realpath(path))
    name = str(path)
    try:
        current = target.read_bytes()
        info = target.stat()
    except OSError as exc:
        raise InputError(name, f"cannot read file again before writing ({exc.strerror})") from None
    if current != expected:
        raise InputError(
            name, "changed since it was read; not overwritten (run tonecheck --fix again)"
        )
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tonecheck")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, stat.S_IMODE(info.st_mode))
        if hasattr(os, "chown"):
            # Not ours to give away as a plain user; the permissions are kept all the same.
            with contextlib.suppress(PermissionError):
                os.chown(tmp, info.st_uid, info.st_gid)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(name, f"cannot write the fixed file ({exc.strerror or exc})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sync_directory(target.parent)


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable, where the platform allows it."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
