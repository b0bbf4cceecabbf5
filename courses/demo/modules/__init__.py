"""Learning modules of the demo, one package per module with its English in ``en.py``.

The translations are PO files in ``courses/demo/translations/`` (see ``courses.demo.loader``).
"""
