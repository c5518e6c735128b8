"""crossroads serve: the web interface and API behind gunicorn."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve Crossroads with gunicorn (static files by WhiteNoise)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("CROSSROADS_BIND", "127.0.0.1:8000"),
                            help="Address and port to listen on (default: %(default)s).")
        parser.add_argument("--workers", type=int,
                            default=int(os.environ.get("CROSSROADS_WORKERS", "2")),
                            help="Number of server processes (default: %(default)s).")
        parser.add_argument("--no-collectstatic", action="store_true",
                            help="Do not collect static files before starting.")
        parser.add_argument("--with-worker", action="store_true",
                            help="Also run the job worker (crossroads jobs) beside the server.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"Crossroads at http://{options['bind']}/ (Ctrl+C stops)")
        argv = [sys.executable, "-m", "gunicorn", "crossroads.wsgi:application",
                "--bind", options["bind"],
                "--workers", str(options["workers"]), "--access-logfile", "-",
                "--forwarded-allow-ips", os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")]
        if settings.DEBUG:
            argv.append("--reload")
        if options["with_worker"]:
            # The worker shares the terminal's process group, so Ctrl+C stops both.
            subprocess.Popen([sys.executable, "-m", "crossroads.cli", "jobs"])  # noqa: S603
        os.execv(sys.executable, argv)  # noqa: S606 - this process becomes the server
