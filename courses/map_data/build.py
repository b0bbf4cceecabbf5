"""Build the partner map's coastlines and borders from Natural Earth.

Reads ``countries-50m.json`` of the npm package world-atlas (Natural Earth 4.1.0, 1:50m, as
TopoJSON; Natural Earth is in the public domain), decodes its arcs, projects them with
``courses.baltic_map.project``, clips them to the map's frame (the SVG's viewBox), simplifies them
(Douglas-Peucker, ``TOLERANCE`` map units) and writes ``baltic-sea-region.json`` beside this
file: one SVG path for the land, one for the land borders between countries. The site reads
only that file, so ``make run`` needs no npm. Regenerate it after changing the map's frame or
projection::

    npm ci    # or make browser-tools: installs node_modules/world-atlas
    .venv/bin/python -m courses.map_data.build

``--check`` writes nothing and exits 1 when the committed file differs from what the source
gives (tests/pages/test_partner_map.py runs the same comparison).
"""

import argparse
import json
import sys
from pathlib import Path

from courses.baltic_map import MAP_EAST, MAP_NORTH, MAP_SOUTH, MAP_WEST, project

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "baltic-sea-region.json"
SOURCE_PACKAGE = "world-atlas"
SOURCE_FILE = "countries-50m.json"
DEFAULT_SOURCE = HERE.parents[1] / "node_modules" / SOURCE_PACKAGE / SOURCE_FILE
REGENERATE = "npm ci && .venv/bin/python -m courses.map_data.build"

# Map units (about a pixel when the map is drawn 880 px wide): finer detail is not seen.
TOLERANCE = 0.6
# Shapes smaller than this (square map units) are dropped: rocks and skerries.
MIN_AREA = 4.0


# --- TopoJSON ----------------------------------------------------------------------------------


def decode_arcs(topology):
    """Every arc as a list of (longitude, latitude): undo the delta encoding and quantization."""
    (scale_x, scale_y), (shift_x, shift_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def arc_points(arcs, index):
    """Arc ``index``; a negative index (``~i``) is arc i reversed, as TopoJSON says."""
    return arcs[index] if index >= 0 else arcs[~index][::-1]


def ring_points(arcs, ring):
    """A polygon ring from its arcs: each arc starts where the previous one ended."""
    points = []
    for index in ring:
        part = arc_points(arcs, index)
        points.extend(part if not points else part[1:])
    return points


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    if geometry["type"] == "GeometryCollection":
        return [p for child in geometry["geometries"] for p in polygons(child)]
    return []


def border_arcs(countries):
    """The arcs that two different countries share: their land borders (topojson's ``mesh``
    with ``a !== b``). Coastlines belong to one country only."""
    users = {}
    for number, country in enumerate(countries["geometries"]):
        for polygon in polygons(country):
            for ring in polygon:
                for index in ring:
                    users.setdefault(index if index >= 0 else ~index, set()).add(number)
    return sorted(index for index, owners in users.items() if len(owners) > 1)


# --- Geometry on the map -----------------------------------------------------------------------


def frame():
    """The clipping rectangle in map units: the map's frame, which is the SVG's viewBox."""
    left, top = project(MAP_WEST, MAP_NORTH, clip=False, precision=None)
    right, bottom = project(MAP_EAST, MAP_SOUTH, clip=False, precision=None)
    return left, top, right, bottom


def to_map(points):
    return [project(lon, lat, clip=False, precision=None) for lon, lat in points]


def clip_ring(points, box):
    """Sutherland-Hodgman: the part of a closed ring inside ``box``."""
    left, top, right, bottom = box
    edges = [
        (lambda p: p[0] >= left, lambda a, b: cut_x(a, b, left)),
        (lambda p: p[0] <= right, lambda a, b: cut_x(a, b, right)),
        (lambda p: p[1] >= top, lambda a, b: cut_y(a, b, top)),
        (lambda p: p[1] <= bottom, lambda a, b: cut_y(a, b, bottom)),
    ]
    for inside, cut in edges:
        if not points:
            break
        result = []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    result.append(cut(previous, point))
                result.append(point)
            elif inside(previous):
                result.append(cut(previous, point))
            previous = point
        points = result
    return points


def cut_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def cut_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def clip_line(points, box):
    """The runs of a polyline inside ``box``, cut where it crosses the edge (Liang-Barsky on
    each segment)."""
    runs, run = [], []
    for a, b in zip(points, points[1:], strict=False):
        segment = clip_segment(a, b, box)
        if segment is None:
            if len(run) > 1:
                runs.append(run)
            run = []
            continue
        start, end = segment
        if run and run[-1] != start:
            runs.append(run)
            run = []
        if not run:
            run = [start]
        run.append(end)
    if len(run) > 1:
        runs.append(run)
    return runs


def clip_segment(a, b, box):
    left, top, right, bottom = box
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    low, high = 0.0, 1.0
    for p, q in ((-dx, ax - left), (dx, right - ax), (-dy, ay - top), (dy, bottom - ay)):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return None
    start = a if low == 0 else (ax + low * dx, ay + low * dy)
    end = b if high == 1 else (ax + high * dx, ay + high * dy)
    return start, end


def simplify(points, tolerance):
    """Douglas-Peucker, without recursion."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = (dx * dx + dy * dy) ** 0.5
        farthest, distance = None, tolerance
        for index in range(first + 1, last):
            px, py = points[index]
            if length:
                d = abs(dy * (px - ax) - dx * (py - ay)) / length
            else:
                d = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if d > distance:
                farthest, distance = index, d
        if farthest is not None:
            keep[farthest] = True
            stack.extend([(first, farthest), (farthest, last)])
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def area(points):
    return abs(
        sum(
            x1 * y2 - x2 * y1
            for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True)
        )
        / 2
    )


def path_data(shapes, closed):
    """SVG path data, one decimal, relative moves after the first point of each shape."""
    parts = []
    for shape in shapes:
        rounded = [(round(x, 1), round(y, 1)) for x, y in shape]
        deduplicated = [rounded[0]] + [
            p for q, p in zip(rounded, rounded[1:], strict=False) if p != q
        ]
        if len(deduplicated) < 2:
            continue
        (x, y), rest = deduplicated[0], deduplicated[1:]
        steps = [f"M{number(x)} {number(y)}"]
        for px, py in rest:
            steps.append(f"{number(px - x)} {number(py - y)}")
            x, y = px, py
        parts.append(steps[0] + "l" + " ".join(steps[1:]) + ("z" if closed else ""))
    return "".join(parts)


def number(value):
    text = f"{round(value, 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# --- The file ----------------------------------------------------------------------------------


def build(topology):
    """The map file's content (a dict) from world-atlas's countries TopoJSON."""
    arcs = decode_arcs(topology)
    box = frame()
    land = []
    for polygon in polygons(topology["objects"]["land"]):
        for ring in polygon:
            clipped = clip_ring(to_map(ring_points(arcs, ring)), box)
            if len(clipped) < 3 or area(clipped) < MIN_AREA:
                continue
            simplified = simplify(clipped + clipped[:1], TOLERANCE)[:-1]
            if len(simplified) >= 3 and area(simplified) >= MIN_AREA:
                land.append(simplified)
    borders = []
    for index in border_arcs(topology["objects"]["countries"]):
        for run in clip_line(to_map(arcs[index]), box):
            simplified = simplify(run, TOLERANCE)
            if len(simplified) > 1:
                borders.append(simplified)
    left, top, right, bottom = (round(value, 1) for value in box)
    return {
        "source": (
            f"Natural Earth 1:50m land and admin 0 countries, version 4.1.0, from the npm "
            f"package {SOURCE_PACKAGE} ({SOURCE_FILE})"
        ),
        "licence": "Natural Earth: public domain (its terms of use); world-atlas: ISC",
        "regenerate": REGENERATE,
        "frame": {"west": MAP_WEST, "east": MAP_EAST, "south": MAP_SOUTH, "north": MAP_NORTH},
        "view_box": [left, top, right - left, bottom - top],
        "land": path_data(land, closed=True),
        "borders": path_data(borders, closed=False),
    }


def serialize(data):
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    options = parser.parse_args(argv)
    if not options.source.exists():
        parser.error(f"{options.source} not found: run npm ci first")
    text = serialize(build(json.loads(options.source.read_text())))
    if options.check:
        same = options.output.exists() and options.output.read_text() == text
        print(f"{options.output}: {'up to date' if same else 'differs from the source'}")
        return 0 if same else 1
    options.output.write_text(text)
    print(f"{options.output}: {len(text.encode()) // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
