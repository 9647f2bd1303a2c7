#!/usr/bin/env python3
"""One-time: applies the fourth research pass (titles4-1.csv) to data-src/ (kept as the record of
each decision; running it again changes nothing). Row actions:
  * `title`   sets title/publisher/date/kind/repost_of/tier of the record with `old_url`, in every
              sources-*.json file that holds it;
  * `add`     cites `new_url` in each claim of `claims` (a record is created in sources-r4.json when
              no file holds one);
  * `replace` puts `new_url` where `old_url` was in each claim;
  * `drop`    removes `old_url` from each claim, never leaving a claim without sources;
  * `reword`  sets the claim's text to the row's `title` column;
  * `bureau`  sets the station's bureau to Nantong PSB with a note naming the source (only row:
              us-unknown-1, from TheBlaze) and cites `new_url` among the station's sources;
  * `none`    changes nothing (the evidence column says what was searched and not found).
Rows not followed: none; every `add`/`replace`/`drop` row is applied as written. Records no claim
cites any more are removed from the sources files (build_dataset.py rejects unreferenced sources)."""
import csv, json, os, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SRC = os.path.join(ROOT, 'data-src')
SOURCE_FILES = ['sources-stations.json', 'sources-countries.json', 'sources-r3.json', 'sources-r4.json']


def load(name):
    path = os.path.join(SRC, name)
    return json.load(open(path)) if os.path.exists(path) else {'sources': []}


def save(name, obj):
    with open(os.path.join(SRC, name), 'w') as f:
        f.write(json.dumps(obj, ensure_ascii=False, indent=2) + '\n')


stations = load('stations.json'); countries = load('countries.json'); glob = load('global.json')
reports = load('reports.json')
srcfiles = {n: load(n) for n in SOURCE_FILES}
records = {}
for d in srcfiles.values():
    for s in d['sources']:
        records.setdefault(s['url'], []).append(s)
by_station = {s['id']: s for s in stations['stations']}
by_country = {c['iso2']: c for c in countries['countries']}


def resolve(label):
    label = label.strip()
    m = re.match(r'global\.json\.global(.*)$', label) or re.match(r'global(\..*)$', label)
    if m:
        obj, rest = glob['global'], m.group(1)
    else:
        m = re.match(r'([a-z]{2}-[a-z0-9-]+?-\d+)(.*)$', label) or re.match(r'([A-Z]{2})(.*)$', label)
        if not m:
            sys.exit(f'cannot resolve {label}')
        key, rest = m.group(1), m.group(2)
        obj = by_station.get(key) or by_country.get(key)
        if obj is None:
            sys.exit(f'no record {key}')
    for part in re.findall(r'\.?([a-z_]+)|\[(\d+)\]', rest):
        obj = obj[part[0]] if part[0] else obj[int(part[1])]
    return obj


def ensure(r):
    url = r['new_url']
    if url in records:
        return
    rec = {'url': url, 'publisher': r['publisher'], 'title': r['title'], 'date': r['date'] or 'n.d.',
           'date_approximate': r['date_approximate'].lower() == 'true' or not r['date'],
           'kind': r['kind'], 'repost_of': r['repost_of'] or None, 'tier': r['tier']}
    records[url] = [rec]
    srcfiles['sources-r4.json']['sources'].append(rec)


rows = list(csv.DictReader(open(os.path.join(SRC, 'provenance', 'titles4-1.csv'))))
counts = {}
for r in rows:
    a = r['action']
    claims = [c for c in r['claims'].split(';') if c.strip()]
    counts[a] = counts.get(a, 0) + 1
    if a == 'none':
        continue
    if a == 'title':
        if r['old_url'] not in records:
            sys.exit(f'no record for {r["old_url"]}')
        for rec in records[r['old_url']]:
            rec['title'] = r['title']
            for field in ('publisher', 'kind', 'tier'):
                if r[field]:
                    rec[field] = r[field]
            rec['repost_of'] = r['repost_of'] or None
            if r['date']:
                rec['date'] = r['date']
                rec['date_approximate'] = r['date_approximate'].lower() == 'true'
    elif a in ('add', 'replace'):
        ensure(r)
        for c in claims:
            o = resolve(c)
            if a == 'replace' and r['old_url'] in o['sources']:
                o['sources'][o['sources'].index(r['old_url'])] = r['new_url']
            elif r['new_url'] not in o['sources']:
                o['sources'].append(r['new_url'])
            o['sources'] = list(dict.fromkeys(o['sources']))
    elif a == 'drop':
        for c in claims:
            o = resolve(c)
            if r['old_url'] in o['sources'] and len(o['sources']) > 1:
                o['sources'].remove(r['old_url'])
    elif a == 'reword':
        for c in claims:
            o = resolve(c)
            o['text' if 'text' in o else 'claim'] = r['title']
    elif a == 'bureau':
        st = by_station[claims[0]]
        st['bureau'] = 'Nantong PSB'
        st['bureau_note'] = ("per TheBlaze's account of Patrol and Persuade (December 2022): \"a third "
                             "operation's exact location is unknown, but is run under the Nantong, China, "
                             "jurisdiction\"")
        if r['new_url'] not in st['sources']:
            st['sources'].append(r['new_url'])
    else:
        sys.exit(f'unknown action {a}')
print(counts)

# Records no longer cited anywhere are removed.
cited = set()


def walk(o):
    if isinstance(o, dict):
        if isinstance(o.get('sources'), list):
            cited.update(x for x in o['sources'] if isinstance(x, str))
        for v in o.values():
            walk(v)
    elif isinstance(o, list):
        for v in o:
            walk(v)


for d in (stations, countries, glob, reports):
    walk(d)
removed = 0
for n, d in srcfiles.items():
    keep = [s for s in d['sources'] if s['url'] in cited]
    removed += len(d['sources']) - len(keep)
    d['sources'] = keep
    if d['sources'] or os.path.exists(os.path.join(SRC, n)):
        save(n, d)
save('stations.json', stations); save('countries.json', countries); save('global.json', glob)
print('records removed (no longer cited):', removed,
      'records in sources-r4.json:', len(srcfiles['sources-r4.json']['sources']))
