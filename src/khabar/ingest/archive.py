"""Compressed files and archives: .gz, .zip and .tar(.gz); members are dispatched by their names.

A ``.gz`` file is read as the format its name has without ``.gz`` (``news.jsonl.gz`` is json lines),
streamed through the decompressor. Zip and tar members are read one after the other; their origin
is ``archive.zip!member``. Directories, hidden members and members matching ``exclude`` are
skipped. Damage inside a member is that member's Reject; the other members are still read.
"""

from __future__ import annotations

import gzip
import io
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import PurePosixPath

from ..records import Article, Reject
from .decode import DAMAGE_ERRORS, Damaged, describe_damage
from .inputs import Input, bytes_input
from .options import ReadOptions


def read_gz(src: Input, options: ReadOptions) -> Iterator[Article | Reject]:
    from .dispatch import read_input

    inner_name = src.name[:-3] if src.name.lower().endswith(".gz") else src.name
    if src.name.lower().endswith((".tgz", ".tar.gz")):
        yield from read_tar(src, options)
        return

    def open_inner():
        if src.path is not None:
            return gzip.open(src.path, "rb")
        return gzip.GzipFile(fileobj=src.open(), mode="rb")

    # Size of the decompressed data is unknown until read; readers bound their own reads.
    yield from read_input(Input(origin=src.origin, name=inner_name, open=open_inner), options)


def read_zip(src: Input, options: ReadOptions) -> Iterator[Article | Reject]:
    from .dispatch import read_input

    try:
        zf = zipfile.ZipFile(src.path) if src.path is not None else zipfile.ZipFile(io.BytesIO(src.read(options.max_bytes, what="zip archive")))
    except zipfile.BadZipFile as exc:
        yield Reject(source=src.origin, reason=f"not a readable zip archive ({exc})")
        return
    with zf:
        members = [i for i in zf.infolist() if not i.is_dir() and _wanted(i.filename, options)]
        if not members:
            yield Reject(source=src.origin, reason="zip archive has no files to read")
        for info in members:
            member = Input(
                origin=f"{src.origin}!{info.filename}",
                name=PurePosixPath(info.filename).name,
                open=lambda info=info: zf.open(info),
                size=info.file_size,
            )
            yield from read_input(member, options)


def read_tar(src: Input, options: ReadOptions) -> Iterator[Article | Reject]:
    from .dispatch import read_input

    found = 0
    with src.open() as raw:
        try:
            # Stream mode ("r|*"): members are read in order without seeking, so a truncated
            # archive keeps the members before the damage.
            tar = tarfile.open(fileobj=raw, mode="r|*")
        except (tarfile.TarError, *DAMAGE_ERRORS) as exc:
            yield Reject(source=src.origin, reason=f"not a readable tar archive ({exc})")
            return
        with tar:
            n = 0
            while True:
                n += 1
                try:
                    info = tar.next()
                except (tarfile.TarError, *DAMAGE_ERRORS) as exc:
                    raise Damaged(f"member {n}", describe_damage(exc)) from exc
                if info is None:
                    break
                if not info.isfile() or not _wanted(info.name, options):
                    continue
                found += 1
                try:
                    data = tar.extractfile(info).read(options.max_bytes + 1)
                except (tarfile.TarError, *DAMAGE_ERRORS) as exc:
                    raise Damaged(f"member {n} ({info.name})", describe_damage(exc)) from exc
                name = PurePosixPath(info.name).name
                yield from read_input(bytes_input(data, f"{src.origin}!{info.name}", name), options)
    if not found:
        yield Reject(source=src.origin, reason="tar archive has no files to read")


def _wanted(member: str, options: ReadOptions) -> bool:
    from .walk import excluded

    parts = PurePosixPath(member).parts
    if not options.include_hidden and any(p.startswith(".") or p == "__MACOSX" for p in parts):
        return False
    return not excluded(member, options.exclude)
