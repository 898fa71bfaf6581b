"""``python -m extractor.web serve ...``: Datasette's command line with the plany plugin registered.

``plany serve`` runs this in a child process; it takes exactly Datasette's own arguments.
"""
from __future__ import annotations

import sys


def main(argv=None) -> None:
    from datasette.cli import cli
    from datasette.plugins import pm

    from extractor.web import plugin

    if not pm.is_registered(plugin):
        pm.register(plugin, name="plany")
    cli.main(args=list(sys.argv[1:] if argv is None else argv), prog_name="plany-datasette")


if __name__ == "__main__":
    main()
