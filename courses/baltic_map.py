"""The partner map of the Baltic Sea Region, drawn on the server as SVG.

Plain equirectangular projection of ``MAP_WEST``–``MAP_EAST`` and ``MAP_SOUTH``–``MAP_NORTH``:
one degree of latitude is ``MAP_SCALE`` units and longitude is scaled by cos(57°), the
region's middle latitude, so that shapes keep roughly their proportions. The coastlines and
borders are Natural Earth's (public domain), read from ``map_data/baltic-sea-region.json``,
which ``python -m courses.map_data.build`` makes from the npm package world-atlas with this
module's ``project``: change the frame here, then regenerate the file. Nothing is fetched and
reading the file costs no query.

``place(items, ...)`` puts partners on it: one marker per city (or per spot, for partners
whose cities are not named), and the partners it cannot place (no coordinates, or outside the
frame, as Munich is) in a list of their own, so that none is dropped.
"""

import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

MAP_WEST, MAP_EAST, MAP_SOUTH, MAP_NORTH = 6.0, 31.0, 52.0, 62.0
MAP_SCALE = 60.0
MAP_X_SCALE = MAP_SCALE * math.cos(math.radians(57))
MAP_WIDTH = round((MAP_EAST - MAP_WEST) * MAP_X_SCALE, 1)
MAP_HEIGHT = round((MAP_NORTH - MAP_SOUTH) * MAP_SCALE, 1)
MAP_FILE = Path(__file__).resolve().parent / "map_data" / "baltic-sea-region.json"

# Partners closer than this (map units, about 0.05° of latitude) share a marker even when their
# city is not named the same: one spot cannot carry two markers.
SAME_SPOT = 3.0


def project(longitude, latitude, clip=True, precision=1):
    """Map coordinates (x, y) of a point; None when ``clip`` and it lies off the map."""
    longitude, latitude = float(longitude), float(latitude)
    if clip and not (MAP_WEST <= longitude <= MAP_EAST and MAP_SOUTH <= latitude <= MAP_NORTH):
        return None
    x = (longitude - MAP_WEST) * MAP_X_SCALE
    y = (MAP_NORTH - latitude) * MAP_SCALE
    if precision is None:
        return (x, y)
    return (round(x, precision), round(y, precision))


@cache
def geography():
    """The map file: ``land`` and ``borders`` (SVG path data), ``source``, ``licence``."""
    return json.loads(MAP_FILE.read_text(encoding="utf-8"))


@dataclass
class Marker:
    """One spot on the map and the partners there, in the order they were given."""

    position: tuple
    places: list = field(default_factory=list)
    items: list = field(default_factory=list)
    names: list = field(default_factory=list)

    @property
    def label(self):
        return ", ".join(self.places)

    @property
    def count(self):
        return len(self.items)


def place(items, position, city, name):
    """``(markers, off_map)``: the items that have a position on the map grouped per city
    (the same ``city(item)``, case aside, or the same spot), and, in their order, the items
    that have none. ``position(item)`` is ``project``'s result (None off the map);
    ``name(item)`` is what a marker's label lists."""
    markers, off_map = [], []
    for item in items:
        spot, town = position(item), (city(item) or "").strip()
        if spot is None:
            off_map.append(item)
            continue
        marker = next((m for m in markers if same_place(m, spot, town)), None)
        if marker is None:
            marker = Marker(position=spot)
            markers.append(marker)
        marker.items.append(item)
        marker.names.append(name(item))
        if town and town.casefold() not in {p.casefold() for p in marker.places}:
            marker.places.append(town)
    for marker in markers:
        if len(marker.items) > 1:
            xs, ys = zip(*(position(item) for item in marker.items), strict=True)
            marker.position = (round(sum(xs) / len(xs), 1), round(sum(ys) / len(ys), 1))
    return markers, off_map


def same_place(marker, spot, name):
    close = math.dist(marker.position, spot)
    if name and name.casefold() in {p.casefold() for p in marker.places}:
        # The same city name far away is another town of that name.
        return close < 20 * SAME_SPOT
    return close < SAME_SPOT
