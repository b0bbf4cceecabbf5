"""Learning modules of the demo, one package per module, one file per language."""
