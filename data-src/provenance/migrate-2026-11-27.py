#!/usr/bin/env python3
"""One-time migration of data-src/ with the research passes of this session (issue 11).

1. titles-{a,b,c}.csv: real titles, dates, tiers, canonical URLs, originals for reposts.
2. events.json, events2.json: later events, with claimants.
3. facts.json: the facts of the original coverage, gaps.
"""
import csv
import json
import os
import re
import sys
from collections import OrderedDict

SRC = "/work/main/data-src"
REV = "/work/review"
TODAY = "2026-11-27"


def load(name):
    with open(os.path.join(SRC, name), encoding="utf-8") as f:
        return json.load(f, object_pairs_hook=OrderedDict)


def save(name, data):
    path = os.path.join(SRC, name)
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2, ensure_ascii=False)
        f.write("\n")
    os.replace(path + ".tmp", path)


files = {n: load(n) for n in ["stations.json", "countries.json", "global.json", "reports.json",
                              "meta.json", "sources-stations.json", "sources-countries.json"]}
stations = files["stations.json"]["stations"]
countries = files["countries.json"]["countries"]
glob = files["global.json"]["global"]
reports = files["reports.json"]["reports"]
meta = files["meta.json"]["meta"]
src_lists = [files["sources-stations.json"]["sources"], files["sources-countries.json"]["sources"]]
old = json.load(open(os.path.join(REV, "old-stations.json")))
old_by_id = {s["id"]: s for s in old["sources"]}
research = {r["id"]: r for r in csv.DictReader(open("/work/shared/research/source-titles.csv"))}

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
KINDS = {"report", "government", "parliament", "court", "news", "repost", "blog", "other"}
TIERS = {"primary", "original", "repost", "aggregator"}


def all_source_lists(node, skip_disagreements=False, path=""):
    """Yield (path, list) for every `sources` list under node."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "sources" and isinstance(v, list) and v and isinstance(v[0], str):
                yield path, v
            elif not (skip_disagreements and k in ("disagreements", "notes", "gaps", "critiques")):
                yield from all_source_lists(v, skip_disagreements, path + "." + k)
    elif isinstance(node, list):
        for i, x in enumerate(node):
            yield from all_source_lists(x, skip_disagreements, "%s[%d]" % (path, i))


CLAIM_ROOTS = [stations, countries, glob, reports, meta]


def rewrite_url(old_url, new_url):
    n = 0
    for root in CLAIM_ROOTS:
        for _, lst in all_source_lists(root):
            for i, u in enumerate(lst):
                if u == old_url:
                    lst[i] = new_url
                    n += 1
            # de-duplicate, keeping order
            seen = []
            for u in lst:
                if u not in seen:
                    seen.append(u)
            lst[:] = seen
    return n


def add_alongside(old_url, new_url):
    """Add new_url next to old_url in claim lists (not disagreements, notes, gaps)."""
    n = 0
    for root in CLAIM_ROOTS:
        for _, lst in all_source_lists(root, skip_disagreements=True):
            if old_url in lst and new_url not in lst:
                lst.insert(0, new_url)
                n += 1
    return n


def records_for(url):
    return [r for lst in src_lists for r in lst if r["url"] == url]


def ensure_record(rec, into=1):
    """Add a source record unless one with its URL exists (then fill missing tier/title)."""
    found = records_for(rec["url"])
    if found:
        for r in found:
            for k in ("tier", "title", "publisher", "date"):
                if not r.get(k) or (k == "title" and str(r.get(k, "")).startswith("[")
                                    and rec.get(k) and not rec[k].startswith("[")):
                    if rec.get(k):
                        r[k] = rec[k]
        return
    out = OrderedDict()
    for k in ("url", "publisher", "title", "date", "date_approximate", "kind", "repost_of", "tier"):
        out[k] = rec.get(k)
    if out["date_approximate"] is None:
        out["date_approximate"] = False
    if not out["title"]:
        out["title"] = "[%s page; title not shown in the stored copy]" % out["publisher"]
    src_lists[into].append(out)


# ------------------------------------------------------------------ 1. titles
rows = []
for n in "abc":
    rows += list(csv.DictReader(open(os.path.join(REV, "titles-%s.csv" % n), encoding="utf-8")))
stats = {"title": 0, "canonical": 0, "replace": 0, "add": 0, "tier_only": 0}
# Reposts of the Safeguard Defenders reports: add the report page next to them (the repost may
# carry details of its own, so it stays where it is cited for those).
ADD_NOT_REPLACE = {"voz-2023-06-26", "tzetze-2022-12", "torizone-2022-10"}
CNN_TITLE = ("Exclusive: China operating over 100 police stations across the world with the help "
             "of some host nations, report claims")

for row in rows:
    sid = row["id"]
    old_url = row["url"] or old_by_id[sid]["url"]
    action = row["action"].strip()
    new_url = row["new_url"].strip()
    target = new_url if action in ("canonical", "replace") and new_url else old_url
    fields = OrderedDict()
    if row["publisher"].strip():
        fields["publisher"] = row["publisher"].strip()
    title = row["title"].strip()
    if "cnn.com/2022/12/04" in target:
        title = CNN_TITLE
    if title:
        fields["title"] = title
    if DATE_RE.match(row["date"].strip()) or row["date"].strip() == "n.d.":
        fields["date"] = row["date"].strip()
    if row["date_approximate"].strip().lower() in ("true", "false"):
        fields["date_approximate"] = row["date_approximate"].strip().lower() == "true"
    if row["kind"].strip() in KINDS:
        fields["kind"] = row["kind"].strip()
    tier = row["tier"].strip() or research.get(sid, {}).get("tier", "")
    if tier in TIERS:
        fields["tier"] = tier
    fields["repost_of"] = row["repost_of"].strip() or None

    if sid in ADD_NOT_REPLACE and new_url:
        # keep the repost as it is (tier from the research), add the primary page alongside
        for r in records_for(old_url):
            r["tier"] = research.get(sid, {}).get("tier") or "aggregator"
            if r.get("tier") not in TIERS:
                r["tier"] = "aggregator"
        rec = dict(fields, url=new_url)
        rec.setdefault("kind", "report")
        ensure_record(rec)
        stats["add"] += add_alongside(old_url, new_url)
        continue

    recs = records_for(old_url)
    if not recs:
        print("no record for", sid, old_url, file=sys.stderr)
        continue
    if target != old_url:
        if action == "replace":
            # the record now describes the original page: start from its fields only
            for r in recs:
                for k in ("title", "date", "date_approximate", "publisher", "kind", "repost_of", "tier"):
                    r.pop(k, None)
        stats["replace" if action == "replace" else "canonical"] += rewrite_url(old_url, target)
        for r in recs:
            r["url"] = target
    for r in recs:
        for k, v in fields.items():
            if k == "repost_of" and fields.get("kind", r.get("kind")) != "repost":
                r[k] = None
                continue
            r[k] = v
        if "title" in fields:
            stats["title"] += 1
        if not r.get("title"):
            r["title"] = "[%s page; title not shown in the stored copy]" % r.get("publisher", "")
        for k in ("date", "kind", "tier", "publisher"):
            if not r.get(k):
                r[k] = {"date": "n.d.", "kind": "other", "tier": "aggregator",
                        "publisher": "unknown"}[k]
        if r.get("date_approximate") is None:
            r["date_approximate"] = False
        if r.get("kind") == "repost" and not r.get("repost_of"):
            r["repost_of"] = "another outlet (not named on the page)"

# Remove source records no longer referenced after URL merges are handled by the build (it merges
# by URL); records of the same URL in both files are merged there too.

# ------------------------------------------------------------------ 2. events
st_by_id = {s["id"]: s for s in stations}
co_by_iso = {c["iso2"]: c for c in countries}


def date_key(d):
    return d or ""


def insert_dated(lst, entry):
    lst.append(entry)
    lst.sort(key=lambda e: date_key(e.get("date")))


# Superseded: the RCMP closure of its Montreal-area investigation was dated 2025-01 from a Rebel News
# piece; the National Post reports the RCMP's confirmation on 2025-09-26 (events.json).
for sid in ("ca-montreal-1", "ca-brossard-1"):
    st_by_id[sid]["status"] = [e for e in st_by_id[sid]["status"]
                               if not (e["date"] == "2025-01" and "Rebel News" in e["claimed_by"]["actor"])]
co_by_iso["CA"]["responses"] = [r for r in co_by_iso["CA"]["responses"]
                                if not (r["date"] == "2025-01" and "Rebel News" in r["claimed_by"]["actor"])]

SKIP_EVENTS = {27, 28}
# events2.json: a press "reported" in 2025 must not supersede Vienna's earlier status on the map
STATUS_OVERRIDE2 = {0: "other"}        # already in the data (Tokyo referral, fixed in the claims pass)
STATUS_OVERRIDE = {
    # The Korean case concerned business and credit-card law, not the alleged station: the map must
    # not show a criminal step against the station.
    21: "other", 22: "other", 23: "other", 24: "other", 25: "other", 26: "other",
    # RCMP closed its investigation without recommending charges; prosecutors declined to prosecute.
    10: "no_charges", 11: "no_charges", 12: "no_charges", 29: "no_charges", 30: "no_charges",
}
TEXT_FIX = {
    10: (" This suggests the data's '2025-01' date for the closure (Rebel News) should be re-checked.", ""),
}
events_added = 0
for fname in ("events.json", "events2.json"):
    path = os.path.join(REV, fname)
    if not os.path.exists(path):
        continue
    ev = json.load(open(path, encoding="utf-8"), object_pairs_hook=OrderedDict)
    for s in ev.get("sources", []):
        ensure_record(s)
    for i, e in enumerate(ev.get("entries", [])):
        if fname == "events.json" and i in SKIP_EVENTS:
            continue
        text = e["text"]
        if fname == "events.json" and i in TEXT_FIX:
            text = text.replace(*TEXT_FIX[i])
        status = e.get("status")
        if fname == "events.json" and i in STATUS_OVERRIDE:
            status = STATUS_OVERRIDE[i]
        if fname == "events2.json" and i in STATUS_OVERRIDE2:
            status = STATUS_OVERRIDE2[i]
        date = e.get("date", "")
        if not DATE_RE.match(date or ""):
            # undated: a note, not a dated status
            target = st_by_id.get(e.get("station_id")) if e.get("station_id") else None
            note = OrderedDict(text=text, sources=e["sources"])
            if target:
                target.setdefault("notes", []).append(note)
            else:
                co_by_iso[e["country"]].setdefault("notes", []).append(note)
            events_added += 1
            continue
        where = e["where"]
        if where == "station_status":
            entry = OrderedDict(date=date, date_approximate=bool(e.get("date_approximate")),
                                claimed_by=e["claimed_by"], status=status, text=text,
                                sources=e["sources"])
            insert_dated(st_by_id[e["station_id"]]["status"], entry)
        elif where == "country_response":
            entry = OrderedDict(date=date, date_approximate=bool(e.get("date_approximate")),
                                actor=e.get("actor") or e["claimed_by"]["actor"],
                                claimed_by=e["claimed_by"], action=status, text=text,
                                sources=e["sources"])
            insert_dated(co_by_iso[e["country"]]["responses"], entry)
        elif where == "china_position":
            entry = OrderedDict(date=date, date_approximate=bool(e.get("date_approximate")),
                                actor=e.get("actor", ""), text=text, sources=e["sources"])
            insert_dated(co_by_iso[e["country"]]["china_position"], entry)
        elif where == "global_china_position":
            entry = OrderedDict(date=date, date_approximate=bool(e.get("date_approximate")),
                                actor=e.get("actor", ""), text=text, sources=e["sources"])
            insert_dated(glob["china_position"], entry)
        else:
            print("unknown where", where, file=sys.stderr)
            continue
        events_added += 1
    for iso, d in ev.get("last_checked", {}).items():
        if iso in co_by_iso:
            co_by_iso[iso]["last_checked"] = d

# ------------------------------------------------------------------ 3. facts
facts = json.load(open(os.path.join(REV, "facts.json"), encoding="utf-8"), object_pairs_hook=OrderedDict)
PDF_110 = "https://safeguarddefenders.com/sites/default/files/pdf/110%20Overseas%20%284%29.pdf"
PDF_PP = "https://safeguarddefenders.com/sites/default/files/pdf/Patrol%20and%20Persuade%20v2.pdf"
for s in facts["sources"]:
    s = dict(s)
    if s["url"] == PDF_110:
        s["title"] = "110 Overseas – Chinese Transnational Policing Gone Wild"
    if s["url"] == PDF_PP:
        s["title"] = "Patrol and Persuade – A follow up on 110 Overseas investigation"
    ensure_record(s)
rep = {r["id"]: r for r in reports}
by_topic = {}
for f in facts["facts"]:
    by_topic.setdefault(f["topic"], []).append(f)


def note(text, sources):
    return OrderedDict(text=text, sources=sources)


r110 = rep["sd-110-overseas"]
rpp = rep["sd-patrol-and-persuade"]
r110.setdefault("notes", [])
rpp.setdefault("notes", [])
for f in by_topic.get("230000", []):
    r110["notes"].append(note(f["text"], f["sources"]))
for f in by_topic.get("36-europe", []):
    if "Patrol and Persuade" in f["text"]:
        rpp["notes"].append(note(f["text"], f["sources"]))
    elif not f["text"].startswith("Newsmax"):   # the Newsmax-only version repeats the Telegraph's
        r110["notes"].append(note(f["text"], f["sources"]))
for f in by_topic.get("pp-count", []):
    rpp["notes"].append(note(f["text"], f["sources"]))
# Headlines from the publisher's own pages first (the reports' PDFs and release pages).
h110 = r110["headline"]
h110["sources"] = [PDF_110] + [u for u in h110["sources"] if u != PDF_110]
hpp = rpp["headline"]
pp_page = "https://safeguarddefenders.com/zh-hans/node/579"
hpp["sources"] = [PDF_PP, pp_page] + [u for u in hpp["sources"] if u not in (PDF_PP, pp_page)]
for r, pdf in ((r110, PDF_110), (rpp, PDF_PP)):
    if pdf not in r["sources"]:
        r["sources"].insert(0, pdf)

madrid = st_by_id.get("es-madrid-1")
for f in by_topic.get("madrid-case", []):
    co_by_iso["ES"].setdefault("notes", []).append(note(f["text"], f["sources"]))
glasgow = [s for s in stations if s["id"].startswith("gb-glasgow")]
for f in by_topic.get("telegraph-glasgow", []):
    for g in glasgow:
        g.setdefault("notes", []).append(note(f["text"], f["sources"]))
        for u in f["sources"]:
            if "telegraph.co.uk" in u and u not in g["sources"]:
                g["sources"].insert(0, u)
for f in by_topic.get("us-count", []):
    co_by_iso["US"].setdefault("notes", []).append(note(f["text"], f["sources"]))
for f in by_topic.get("110-countries", []):
    glob.setdefault("gaps", []).append(note(f["text"], f["sources"]))
for g in facts["gaps"]:
    n = note(g["text"], g["sources"])
    if g.get("country"):
        co_by_iso[g["country"]].setdefault("gaps", []).append(n)
    else:
        glob.setdefault("gaps", []).append(n)

# A "Listed in <report>" entry cites the report itself (its PDF) first: the listing is the report's
# own claim, whatever press coverage also reported it.
for st in stations:
    for e in st["status"]:
        t = e.get("text", "")
        if t.startswith("Listed in 110 Overseas") and PDF_110 not in e["sources"]:
            e["sources"].insert(0, PDF_110)
        if t.startswith("Listed in Patrol and Persuade") and PDF_PP not in e["sources"]:
            e["sources"].insert(0, PDF_PP)
        # the report's PDF stands for the report; its release page adds nothing to a listing
        for pdf, page in ((PDF_110, "https://safeguarddefenders.com/en/blog/230000-chinese-persuaded-return-abroad-long-arm-policing-expands"),
                          (PDF_PP, pp_page)):
            if pdf in e["sources"] and page in e["sources"]:
                e["sources"].remove(page)
    if "sd-110-overseas" in st.get("listed_in", []) and PDF_110 not in st["sources"]:
        st["sources"].append(PDF_110)
    if "sd-patrol-and-persuade" in st.get("listed_in", []) and PDF_PP not in st["sources"]:
        st["sources"].append(PDF_PP)

for st in stations:
    for e in st["status"]:
        e["text"] = e["text"].replace(
            " (the research gives no dedicated URL for this event; Rebel News is the only later "
            "source retrieved for these rows)", "")
    if PDF_PP in st["sources"] and pp_page in st["sources"]:
        st["sources"].remove(pp_page)

# every country record: when it was last checked
for c in countries:
    c.setdefault("last_checked", TODAY)

# ------------------------------------------------------------------ 4. titles, second pass
def claim_lists():
    """(owner text, list) for every sources list outside disagreements, notes, gaps, critiques."""
    out = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("sources"), list):
                out.append((node.get("text") or node.get("claim") or "", node["sources"]))
            for k, v in node.items():
                if k in ("disagreements", "notes", "gaps", "critiques", "sources"):
                    continue
                walk(v)
        elif isinstance(node, list):
            for x in node:
                walk(x)
    for root in CLAIM_ROOTS:
        walk(root)
    return out


rows2 = []
for n in "defg":
    path = os.path.join(REV, "titles2-%s.csv" % n)
    if os.path.exists(path):
        rows2 += list(csv.DictReader(open(path, encoding="utf-8")))
stats2 = {"title": 0, "replace": 0, "add": 0, "canonical": 0, "unrelated": 0}


def fields_of(row):
    f = OrderedDict()
    for k in ("publisher", "title", "kind", "tier"):
        if row[k].strip():
            f[k] = row[k].strip()
    if DATE_RE.match(row["date"].strip()) or row["date"].strip() == "n.d.":
        f["date"] = row["date"].strip()
    if row["date_approximate"].strip().lower() in ("true", "false"):
        f["date_approximate"] = row["date_approximate"].strip().lower() == "true"
    f["repost_of"] = row["repost_of"].strip() or None
    if f.get("kind") not in KINDS:
        f.pop("kind", None)
    if f.get("tier") not in TIERS:
        f.pop("tier", None)
    if "cnn.com/2022/12/04" in row["new_url"] + row["url"] and "title" in f:
        f["title"] = CNN_TITLE
    return f


def strong_now(u):
    rs = records_for(u)
    return any(r.get("tier") in ("primary", "original") for r in rs)


for row in rows2:
    url = row["url"].strip()
    action = row["action"].strip()
    new_url = row["new_url"].strip()
    f = fields_of(row)
    if action in ("keep", "unknown", "canonical"):
        recs = records_for(url)
        for r in recs:
            for k, v in f.items():
                if k == "repost_of" and f.get("kind", r.get("kind")) != "repost":
                    r[k] = None
                elif k == "title" and not v:
                    continue
                else:
                    r[k] = v
            if r.get("kind") == "repost" and not r.get("repost_of"):
                r["repost_of"] = "another outlet (not named on the page)"
        if "title" in f and recs:
            stats2["title"] += 1
        if action == "canonical" and new_url and recs:
            rewrite_url(url, new_url)
            for r in recs:
                r["url"] = new_url
            stats2["canonical"] += 1
    elif action in ("replace", "add") and new_url:
        rec = dict(f, url=new_url)
        rec.setdefault("kind", "news")
        rec.setdefault("tier", "original")
        ensure_record(rec)
        for text, lst in claim_lists():
            if url in lst and new_url not in lst:
                if action == "replace":
                    lst[lst.index(url)] = new_url
                    stats2[action] += 1
                elif not any(strong_now(u) for u in lst) and not text.startswith("Listed in"):
                    # an addition only where it lifts a claim that rests on copies alone
                    lst.insert(0, new_url)
                    stats2[action] += 1
            elif url in lst and action == "replace":
                lst.remove(url)
    elif action.startswith("drop_duplicate_of:"):
        target = action.split(":", 1)[1].strip()
        if records_for(target):
            rewrite_url(url, target)
            stats2["canonical"] += 1
    elif action == "unrelated":
        for _, lst in claim_lists():
            if url in lst and len(lst) > 1:
                lst.remove(url)
                stats2["unrelated"] += 1
print("second pass:", stats2)

# ------------------------------------------------------------------ 5. prefer the better source
# Where a claim already cites a primary document or an original outlet with its real title, a
# repost or aggregator copy whose title is unknown adds nothing a reader can use: it is dropped
# from that claim (unless the claim's text names it, e.g. "via a repost").
by_url = {}
for lst in src_lists:
    for r in lst:
        by_url.setdefault(r["url"], r)


def strong(u):
    r = by_url.get(u)
    return r and r.get("tier") in ("primary", "original") and not str(r.get("title", "")).startswith("[")


def weak_untitled(u):
    r = by_url.get(u)
    return r and r.get("tier") in ("repost", "aggregator") and str(r.get("title", "")).startswith("[")


pruned = 0
for text, lst in claim_lists():
    if any(strong(u) for u in lst):
        keep = []
        for u in lst:
            pub = (by_url.get(u) or {}).get("publisher", "").split(" (")[0].lower()
            if weak_untitled(u) and not (pub and pub in text.lower()) and "repost" not in text.lower():
                pruned += 1
                continue
            keep.append(u)
        lst[:] = keep
print("untitled reposts dropped from claims with a better source:", pruned)

# The report's PDF stands for the report: a list citing both it and the report's release page
# cites the PDF only; the figures a report published for a country cite the report first.
PAGES = {PDF_110: "https://safeguarddefenders.com/en/blog/230000-chinese-persuaded-return-abroad-long-arm-policing-expands",
         PDF_PP: pp_page}
for text, lst in claim_lists():
    for pdf, page in PAGES.items():
        if pdf in lst and page in lst:
            lst.remove(page)
REPORT_PDF = {"sd-110-overseas": PDF_110, "sd-patrol-and-persuade": PDF_PP}
for c in countries:
    for rc in c.get("report_counts", []):
        pdf = REPORT_PDF.get(rc["report"])
        if pdf and pdf not in rc["sources"]:
            rc["sources"].insert(0, pdf)

# source records nobody cites (sources of skipped items) are dropped
cited = set()
for root in CLAIM_ROOTS:
    for _, lst in all_source_lists(root):
        cited.update(lst)
for lst in src_lists:
    dropped = [r["url"] for r in lst if r["url"] not in cited]
    if dropped:
        print("dropped uncited source records:", dropped)
    lst[:] = [r for r in lst if r["url"] in cited]

# canonical addresses where the pattern is certain (amp/staging copies of the same article)
CANONICAL = [
    (r"^https://www\.abc\.es/(.*)-nt_amp\.html$", r"https://www.abc.es/\1-nt.html"),
    (r"^https://amp\.expresso\.pt/(.*)$", r"https://expresso.pt/\1"),
    (r"^https://news1\.kr/amp/(.*)$", r"https://news1.kr/\1"),
    (r"^https://www\.kmib\.co\.kr/article/view_amp\.asp\?(.*)$", r"https://www.kmib.co.kr/article/view.asp?\1"),
    (r"^(https://boostyourlike\.com/.*/)amp/$", r"\1"),
    (r"^https://www\.staging\.libe\.io/(.*)$", r"https://www.liberation.fr/\1"),
    (r"^https://feeds\.bbci\.co\.uk/news/(.*)$", r"https://www.bbc.co.uk/news/\1"),
]
for lst in src_lists:
    for r in lst:
        for pat, rep in CANONICAL:
            new = re.sub(pat, rep, r["url"])
            if new != r["url"]:
                rewrite_url(r["url"], new)
                r["url"] = new
                break

# the official record instead of its mirror, where the mirror names it
OFFICIAL = {
    "https://www.openkamer.org/kamervraag/2022Z20802/": OrderedDict(
        url="https://zoek.officielebekendmakingen.nl/ah-tk-20222023-1107.html",
        publisher="Tweede Kamer (Aanhangsel van de Handelingen; answer by Ministers Hoekstra and Yeşilgöz-Zegerius)",
        title="Het bericht dat er Chinese politiebureaus in Nederland zijn [The report that there are Chinese police stations in the Netherlands]",
        date="2022-12-20", date_approximate=False, kind="parliament", repost_of=None, tier="primary"),
}
for lst in src_lists:
    for r in lst:
        if r["url"] in OFFICIAL:
            new = OFFICIAL[r["url"]]
            rewrite_url(r["url"], new["url"])
            r.clear()
            r.update(new)

# one description per page: records of the same URL (in either file) made identical, keeping the
# most complete values (a real title over a bracketed one, a full date over a partial one)
def score(r):
    t = str(r.get("title") or "")
    d = str(r.get("date") or "")
    return (not t.startswith("["), d != "n.d.", len(d), not r.get("date_approximate"), len(t))


groups = {}
for lst in src_lists:
    for r in lst:
        groups.setdefault(r["url"], []).append(r)
for url, recs in groups.items():
    best = max(recs, key=score)
    for r in recs:
        if r is not best:
            r.clear()
            r.update(best)

# ------------------------------------------------------------------ write
for name, data in files.items():
    save(name, data)
print("titles set %(title)d; URLs canonicalised %(canonical)d, replaced %(replace)d; "
      "primary added alongside %(add)d" % stats)
print("events added", events_added)
