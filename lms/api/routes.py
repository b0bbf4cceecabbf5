"""The endpoints under /api/v1/, read from the URL conf: the API index lists them, and the
contract tests walk them, so a new endpoint is listed and tested without a list to update."""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

NAMESPACE = "api"
# Not endpoints: the JSON 404 for unknown addresses.
SKIPPED = {"not-found"}
GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")
CONVERTER = re.compile(r"<(?:\w+:)?(?P<name>\w+)>")


@dataclass(frozen=True)
class Route:
    name: str  # the URL name in the ``api`` namespace, e.g. "course-detail"
    template: str  # the path with {placeholders}, e.g. "/api/v1/courses/{pk}/"
    parameters: tuple  # the placeholders' names, in order
    callback: object

    @property
    def view_class(self):
        return getattr(self.callback, "cls", None) or getattr(self.callback, "view_class", None)

    @property
    def actions(self):
        """``{http method: action}`` for a viewset route, else ``{}``."""
        return dict(getattr(self.callback, "actions", None) or {})


def _template(pattern):
    text = str(pattern.pattern)
    if text.startswith("^"):
        text = text[1:]
    text = text.removesuffix("$").removesuffix("\\Z")
    text = GROUP.sub(lambda m: "{" + m.group("name") + "}", text)
    return CONVERTER.sub(lambda m: "{" + m.group("name") + "}", text)


def _walk(patterns, prefix):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + _template(pattern))
        elif isinstance(pattern, URLPattern) and pattern.name and pattern.name not in SKIPPED:
            if "format" in str(pattern.pattern):
                continue  # DRF's format-suffix variants
            yield pattern, prefix + _template(pattern)


def api_routes():
    """Every named endpoint of the API, in URL conf order."""
    prefix, resolver = get_resolver().namespace_dict[NAMESPACE]
    routes, seen = [], set()
    for pattern, template in _walk(resolver.url_patterns, "/" + _template_prefix(prefix)):
        if pattern.name in seen:
            continue
        seen.add(pattern.name)
        routes.append(
            Route(
                name=pattern.name,
                template=template,
                parameters=tuple(re.findall(r"{(\w+)}", template)),
                callback=pattern.callback,
            )
        )
    return routes


def _template_prefix(prefix):
    return prefix.lstrip("^")
