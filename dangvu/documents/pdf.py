"""Convert a rendered ``.docx`` to PDF with LibreOffice (``soffice --headless``)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

DEFAULT_TIMEOUT = 60.0  # seconds; a cold start with a fresh profile takes a few seconds


class PdfConversionError(RuntimeError):
    """LibreOffice is missing, failed, or timed out."""


def find_soffice() -> str:
    """Path of the LibreOffice binary, or a clear error if it is not installed."""
    for candidate in ("soffice", "libreoffice"):
        found = shutil.which(candidate)
        if found:
            return found
    raise PdfConversionError(
        "LibreOffice is not installed (no 'soffice' on PATH); on Debian/Ubuntu install "
        "the package libreoffice-writer-nogui"
    )


def docx_to_pdf(data: bytes, *, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """Convert ``.docx`` bytes to PDF bytes.

    Each call runs in its own temporary directory with its own LibreOffice user profile
    (``-env:UserInstallation``), so parallel conversions (threads, workers) don't clash over
    the profile lock. The whole process group is killed on timeout.
    """
    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="dangvu-pdf-") as tmp:
        workdir = Path(tmp)
        source = workdir / "document.docx"
        source.write_bytes(data)
        outdir = workdir / "out"
        profile = workdir / "profile"
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(source),
        ]
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=workdir,
            start_new_session=True,  # own process group: a timeout kills soffice.bin too
        )
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            _kill_group(process)
            raise PdfConversionError(
                f"LibreOffice did not finish the PDF conversion within {timeout:g} s"
            ) from exc
        result = outdir / "document.pdf"
        if process.returncode != 0 or not result.is_file():
            details = (stderr or stdout).decode("utf-8", "replace").strip()
            raise PdfConversionError(
                f"LibreOffice PDF conversion failed (exit code {process.returncode}): {details}"
            )
        return result.read_bytes()


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
