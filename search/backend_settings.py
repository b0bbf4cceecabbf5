"""WAGTAILSEARCH_BACKENDS for each deployment, built without importing Django (settings use it).

The database backend by default; Elasticsearch or OpenSearch when ELASTICSEARCH_URL is set.
Why the two are shaped differently is explained in search/backends.py.
"""

# Elasticsearch's built-in language analyzers. Polish needs the analysis-stempel plugin
# ("polish" analyzer); without it the standard analyzer is the safe choice.
ELASTICSEARCH_ANALYZERS = {
    "en": "english",
    "de": "german",
    "da": "danish",
    "sv": "swedish",
    "fi": "finnish",
    "et": "estonian",
    "lv": "latvian",
    "lt": "lithuanian",
    "pl": "standard",
}


def database_backend():
    return {
        "BACKEND": "search.backends",
        "AUTO_UPDATE": True,
        # Harbour analyses the text itself (search.analysis); PostgreSQL only splits it.
        "SEARCH_CONFIG": "simple",
    }


def elasticsearch_backends(url, version="9", prefix="harbour_", timeout=5, analyzers=None):
    """One Elasticsearch (or OpenSearch) backend per language. ``default`` is English's; the
    others are named by language code. ``version`` is 7, 8, 9 or opensearch2/opensearch3."""
    module = version if version.startswith("opensearch") else f"elasticsearch{version}"
    analyzers = analyzers or ELASTICSEARCH_ANALYZERS
    backends = {}
    for code, analyzer in analyzers.items():
        name = "default" if code == "en" else code
        backends[name] = {
            "BACKEND": f"wagtail.search.backends.{module}",
            "URLS": [url],
            "INDEX_PREFIX": f"{prefix}{code}_",
            "TIMEOUT": timeout,
            "OPTIONS": {},
            "INDEX_SETTINGS": {
                "settings": {"analysis": {"analyzer": {"default": {"type": analyzer}}}}
            },
            "AUTO_UPDATE": True,
        }
    return backends
