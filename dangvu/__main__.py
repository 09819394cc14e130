"""`python -m dangvu`: the same as the `dangvu` console script."""

from dangvu.cli import main

main()
