"""Team Planner launcher: ``python main.py [PROJECT.teamplan]`` opens the app; a command runs headless.

Commands (``solve``, ``compare``, ``import``, ``fit``, ``catalog``, ``template``) and ``--version``
go to :mod:`planner.cli`, which never loads Qt; an argument that is neither a command nor a file
is a usage error (exit 2); everything else starts the desktop app from :mod:`ui.app`. The
installed ``team-planner`` command and the desktop build start here too.
"""

from __future__ import annotations

import multiprocessing
import sys


def main() -> int:
    # The desktop build's solver child process re-enters this executable; this runs it and exits.
    multiprocessing.freeze_support()
    from planner.cli import EXIT_USAGE, is_cli_command, launch_error

    args = sys.argv[1:]
    if is_cli_command(args):
        from planner.cli import main as cli_main

        return cli_main(args)
    problem = launch_error(args)
    if problem is not None:
        print(problem, file=sys.stderr)
        return EXIT_USAGE
    from ui.app import main as app_main

    return app_main(sys.argv)


if __name__ == "__main__":
    sys.exit(main())
