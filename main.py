"""Team Planner launcher: ``python main.py [PROJECT.teamplan]`` opens the app; a command runs headless.

Commands (``solve``, ``compare``, ``import``, ``fit``, ``catalog``, ``template``) go to :mod:`planner.cli`, which
never loads Qt; everything else starts the desktop app from :mod:`ui.app`.
"""

from __future__ import annotations

import sys


def main() -> int:
    from planner.cli import is_cli_command

    args = sys.argv[1:]
    if is_cli_command(args):
        from planner.cli import main as cli_main

        return cli_main(args)
    from ui.app import main as app_main

    return app_main(sys.argv)


if __name__ == "__main__":
    sys.exit(main())
