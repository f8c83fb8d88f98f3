"""``python -m tonecheck``: the same as the ``tonecheck`` command."""

from .cli import run

run()
