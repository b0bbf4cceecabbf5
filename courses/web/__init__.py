"""The learner's web pages: ``routing`` (language prefixes, fallback trees, the switcher) and
``pages`` (what each page lists, with the shared filters and querysets)."""
