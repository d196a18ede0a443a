"""A PostgreSQL server for the tests: $KHABAR_TEST_PG, or a throwaway cluster started with the
local `initdb`/`pg_ctl` (Debian's postgresql package) in a temporary folder, on a Unix socket
only (no TCP port, nothing outside the folder). Each test gets a database of its own."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

ENV = "KHABAR_TEST_PG"


def _bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


class Server:
    """Either an external server (the URL in $KHABAR_TEST_PG) or one this object started."""

    def __init__(self, admin_url: str, folder: Path | None = None, run_as: list[str] | None = None):
        self.admin_url, self.folder, self.run_as = admin_url, folder, run_as or []

    @classmethod
    def start(cls) -> Server:
        """Raises RuntimeError with the reason when no server can be had."""
        if os.environ.get(ENV):
            return cls(os.environ[ENV])
        initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
        if not (initdb and pg_ctl):
            raise RuntimeError(f"${ENV} is unset and no initdb/pg_ctl found (apt-get install postgresql)")
        folder = Path(tempfile.mkdtemp(prefix="khabar-pg-"))
        run_as: list[str] = []
        if os.geteuid() == 0:  # initdb refuses root: run the cluster as the postgres user
            runuser = shutil.which("runuser")
            try:
                import pwd

                pw = pwd.getpwnam("postgres")
            except KeyError:
                pw = None
            if not (runuser and pw):
                raise RuntimeError(f"${ENV} is unset, running as root and no postgres user to run initdb")
            os.chown(folder, pw.pw_uid, pw.pw_gid)
            run_as = [runuser, "-u", "postgres", "--"]
        data, sock = folder / "data", folder
        try:
            subprocess.run([*run_as, initdb, "-D", str(data), "-U", "khabar", "-A", "trust",
                            "--no-sync", "-E", "UTF8"], check=True, capture_output=True, timeout=120)
            subprocess.run([*run_as, pg_ctl, "-D", str(data), "-w", "-t", "60", "-l", str(folder / "log"),
                            "-o", f"-c listen_addresses='' -k {sock} -c fsync=off", "start"],
                           check=True, capture_output=True, timeout=90)
        except (subprocess.SubprocessError, OSError) as exc:
            detail = getattr(exc, "stderr", b"") or b""
            shutil.rmtree(folder, ignore_errors=True)
            raise RuntimeError(f"${ENV} is unset and a local server did not start: {exc} "
                               f"{detail.decode(errors='replace')[:300]}") from None
        return cls(f"postgresql://khabar@/postgres?host={quote(str(sock), safe='')}", folder, run_as)

    def url_for(self, dbname: str) -> str:
        parts = urlsplit(self.admin_url)
        return urlunsplit(parts._replace(path="/" + dbname))

    def create_db(self) -> str:
        import psycopg

        name = f"khabar_t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.admin_url, autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{name}"')
        return self.url_for(name)

    def drop_db(self, url: str) -> None:
        import psycopg

        name = urlsplit(url).path.lstrip("/")
        with psycopg.connect(self.admin_url, autocommit=True) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self.folder is None:
            return
        subprocess.run([*self.run_as, _bin("pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate",
                        "stop"], capture_output=True, timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)
