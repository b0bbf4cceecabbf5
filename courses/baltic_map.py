"""A simple map of the Baltic Sea Region, drawn as SVG paths from rough coastlines.

Plain equirectangular projection of 5–32° E, 53–61° N: one degree of latitude is
``MAP_SCALE`` units and longitude is scaled by cos(57°), the region's middle latitude, so
that shapes keep roughly their proportions. Nothing is fetched: the outlines below are
coarse (longitude, latitude) points, good enough to place partners at a glance.
"""

import math
from functools import cache

MAP_WEST, MAP_EAST, MAP_SOUTH, MAP_NORTH = 5.0, 32.0, 53.0, 61.0
MAP_SCALE = 60.0
MAP_X_SCALE = MAP_SCALE * math.cos(math.radians(57))
MAP_WIDTH = round((MAP_EAST - MAP_WEST) * MAP_X_SCALE, 1)
MAP_HEIGHT = round((MAP_NORTH - MAP_SOUTH) * MAP_SCALE, 1)

# The continent from the Dutch Wadden coast round Jutland, along the southern and eastern
# shores to the Gulf of Finland and up the Finnish coast; closed beyond the map's edges.
CONTINENT = [
    (4.5, 52.9),
    (5.0, 53.2),
    (5.6, 53.4),
    (6.5, 53.45),
    (7.2, 53.35),
    (7.8, 53.7),
    (8.3, 53.55),
    (8.7, 53.87),
    (9.0, 53.9),
    (8.9, 54.3),
    (8.6, 54.5),
    (8.7, 55.0),
    (8.6, 55.4),
    (8.1, 55.6),
    (8.15, 56.0),
    (8.1, 56.6),
    (8.3, 56.9),
    (8.6, 57.1),
    (9.5, 57.2),
    (9.95, 57.6),
    (10.6, 57.75),
    (10.5, 57.4),
    (10.35, 56.95),
    (10.3, 56.6),
    (10.9, 56.4),
    (10.2, 56.15),
    (10.0, 55.8),
    (9.8, 55.5),
    (9.6, 55.2),
    (9.7, 54.9),
    (10.0, 54.7),
    (10.15, 54.4),
    (10.9, 54.35),
    (11.1, 54.0),
    (11.5, 54.0),
    (12.1, 54.18),
    (12.5, 54.4),
    (13.1, 54.35),
    (13.4, 54.65),
    (13.7, 54.55),
    (13.8, 54.1),
    (14.2, 53.95),
    (15.5, 54.15),
    (16.2, 54.3),
    (17.0, 54.6),
    (17.9, 54.83),
    (18.4, 54.8),
    (18.8, 54.6),
    (18.65, 54.35),
    (19.4, 54.4),
    (19.9, 54.65),
    (19.95, 54.95),
    (20.5, 54.95),
    (21.1, 55.25),
    (21.1, 55.7),
    (21.05, 56.1),
    (21.0, 56.5),
    (21.1, 57.0),
    (21.6, 57.55),
    (22.6, 57.75),
    (23.2, 57.3),
    (23.6, 57.0),
    (24.1, 57.0),
    (24.4, 57.25),
    (24.4, 57.9),
    (24.5, 58.4),
    (23.5, 58.6),
    (23.5, 59.0),
    (24.0, 59.3),
    (24.75, 59.45),
    (25.7, 59.6),
    (26.9, 59.5),
    (28.0, 59.5),
    (29.0, 59.95),
    (30.2, 59.9),
    (29.8, 60.2),
    (28.7, 60.7),
    (27.8, 60.5),
    (26.9, 60.45),
    (25.9, 60.3),
    (25.0, 60.17),
    (24.0, 60.0),
    (23.0, 59.85),
    (22.4, 60.1),
    (21.5, 60.5),
    (21.3, 61.0),
    (21.4, 61.5),
    (32.5, 61.5),
    (32.5, 52.5),
    (4.5, 52.5),
]

# Norway's south and Sweden, from the west coast round to the Gulf of Bothnia.
SCANDINAVIA = [
    (4.5, 61.5),
    (4.8, 60.0),
    (5.2, 59.3),
    (5.6, 58.9),
    (6.6, 58.1),
    (7.0, 58.0),
    (8.0, 58.15),
    (9.0, 58.6),
    (10.0, 59.0),
    (10.5, 59.3),
    (10.7, 59.9),
    (10.9, 59.2),
    (11.2, 59.0),
    (11.2, 58.3),
    (11.9, 57.7),
    (12.2, 57.2),
    (12.6, 56.7),
    (12.9, 56.3),
    (12.7, 56.05),
    (12.9, 55.6),
    (13.2, 55.35),
    (14.2, 55.4),
    (14.4, 55.8),
    (14.6, 56.1),
    (15.6, 56.15),
    (16.0, 56.3),
    (16.3, 56.6),
    (16.5, 57.0),
    (16.7, 57.6),
    (16.6, 58.0),
    (17.0, 58.6),
    (17.8, 58.9),
    (18.6, 59.3),
    (18.9, 59.5),
    (18.9, 59.9),
    (18.0, 60.4),
    (17.3, 60.7),
    (17.2, 61.5),
]

ISLANDS = [
    # Zealand
    [
        (11.0, 55.4),
        (11.3, 55.2),
        (11.9, 55.0),
        (12.45, 55.3),
        (12.6, 55.6),
        (12.5, 56.05),
        (12.2, 56.1),
        (11.7, 55.95),
        (11.2, 55.75),
        (11.1, 55.6),
    ],
    # Funen
    [(9.7, 55.5), (10.3, 55.6), (10.8, 55.3), (10.7, 55.05), (10.2, 55.05), (9.8, 55.2)],
    # Lolland and Falster
    [(11.0, 54.75), (11.5, 54.65), (12.0, 54.6), (12.1, 54.9), (11.5, 54.85), (11.1, 54.85)],
    # Bornholm
    [(14.7, 55.3), (15.15, 55.15), (15.1, 55.0), (14.7, 55.05)],
    # Öland
    [(16.4, 56.2), (16.6, 56.4), (16.95, 56.9), (17.1, 57.35), (16.9, 57.3), (16.55, 56.7)],
    # Gotland
    [
        (18.15, 56.92),
        (18.75, 57.2),
        (18.95, 57.45),
        (19.3, 57.9),
        (18.9, 57.95),
        (18.5, 57.8),
        (18.1, 57.5),
    ],
    # Saaremaa
    [
        (21.85, 58.5),
        (22.2, 58.15),
        (22.05, 57.92),
        (22.6, 58.25),
        (23.3, 58.5),
        (22.6, 58.6),
        (22.3, 58.65),
    ],
    # Hiiumaa
    [(22.1, 58.9), (22.6, 58.75), (23.0, 58.85), (22.6, 59.05), (22.2, 59.05)],
    # Åland
    [(19.6, 60.1), (20.3, 60.0), (20.3, 60.4), (19.7, 60.4)],
]


def project(longitude, latitude, clip=True):
    """Map coordinates (x, y) of a point; None when ``clip`` and it lies off the map."""
    longitude, latitude = float(longitude), float(latitude)
    if clip and not (MAP_WEST <= longitude <= MAP_EAST and MAP_SOUTH <= latitude <= MAP_NORTH):
        return None
    return (
        round((longitude - MAP_WEST) * MAP_X_SCALE, 1),
        round((MAP_NORTH - latitude) * MAP_SCALE, 1),
    )


def path(points):
    coordinates = [project(lon, lat, clip=False) for lon, lat in points]
    return "M" + " L".join(f"{x},{y}" for x, y in coordinates) + " Z"


@cache
def land_paths():
    """The SVG path data of every land shape on the map."""
    return [path(CONTINENT), path(SCANDINAVIA)] + [path(island) for island in ISLANDS]
