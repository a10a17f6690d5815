"""`python -m cakupan.cli`: the same as the `cakupan` command."""

from cakupan.cli import main

main()
