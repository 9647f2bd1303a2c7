#!/usr/bin/env python3
"""One-time: applies the third research pass (titles3-*.csv) to data-src/ (run once, kept as the
record of each decision). Rows are applied as the researchers proposed them, except:
  * original outlets are not dropped where what replaces them is a copy or undated: RaiNews and Il
    Fatto Quotidiano stay beside upday (no date shown; may be an aggregator), The Diplomat in Spain
    beside The Objective (a Europa Press copy), Pravda.sk beside the 24.hu copy on friss-hirek.hu;
    dropping them would leave those claims resting only on copies.
  * rows whose action is `none` change nothing (their evidence column says what was searched).
Hand-made corrections the rows call for (a date, a claimant, a later event) follow at the end."""
import csv, json, os, re, sys
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SRC = os.path.join(ROOT, 'data-src')
def load(name): return json.load(open(os.path.join(SRC, name)))
def save(name, obj):
    with open(os.path.join(SRC, name), 'w') as f:
        f.write(json.dumps(obj, ensure_ascii=False, indent=2) + '\n')
stations = load('stations.json'); countries = load('countries.json'); glob = load('global.json')
srcfiles = {n: load(n) for n in ['sources-stations.json', 'sources-countries.json']}
records = {}
for n, d in srcfiles.items():
    for s in d['sources']:
        records.setdefault(s['url'], []).append(s)
by_station = {s['id']: s for s in stations['stations']}
by_country = {c['iso2']: c for c in countries['countries']}

def resolve(label):
    label = label.strip()
    m = re.match(r'global\.json\.global(.*)$', label)
    if m: obj, rest = glob['global'], m.group(1)
    else:
        m = re.match(r'([a-z]{2}-[a-z0-9-]+?-\d+)(.*)$', label) or re.match(r'([A-Z]{2})(.*)$', label)
        if not m: sys.exit(f'cannot resolve {label}')
        key, rest = m.group(1), m.group(2)
        obj = by_station.get(key) or by_country.get(key)
        if obj is None: sys.exit(f'no record {key}')
    for part in re.findall(r'\.?([a-z_]+)|\[(\d+)\]', rest):
        obj = obj[part[0]] if part[0] else obj[int(part[1])]
    return obj

def new_record(r):
    return {'url': r['new_url'] or r['old_url'], 'publisher': r['publisher'], 'title': r['title'],
            'date': r['date'] or 'n.d.', 'date_approximate': r['date_approximate'].lower() == 'true' or not r['date'],
            'kind': r['kind'], 'repost_of': r['repost_of'] or None, 'tier': r['tier']}

added = []
def ensure(r):
    url = r['new_url']
    if url not in records:
        rec = new_record(r); records[url] = [rec]; added.append(rec)

SKIP_DROP = {'https://www.rainews.it/', 'https://www.ilfattoquotidiano.it/',
             'https://thediplomatinspain.com/', 'https://spravy.pravda.sk/'}
rows = []
for n in (1, 2, 3, 4):
    rows += list(csv.DictReader(open(os.path.join(SRC, 'provenance', f'titles3-{n}.csv'))))
counts = {}
for r in rows:
    a = r['action']; claims = [c for c in r['claims'].split(';') if c.strip()]
    if a == 'none': continue
    if a == 'drop' and any(r['old_url'].startswith(p) for p in SKIP_DROP):
        counts['drop skipped'] = counts.get('drop skipped', 0) + 1; continue
    counts[a] = counts.get(a, 0) + 1
    if a == 'title':
        for rec in records[r['old_url']]:
            rec['title'] = r['title']; rec['publisher'] = r['publisher'] or rec['publisher']
            if r['date']: rec['date'] = r['date']; rec['date_approximate'] = r['date_approximate'].lower() == 'true'
            if r['tier']: rec['tier'] = r['tier']
            if r['kind']: rec['kind'] = r['kind']
    elif a in ('add', 'replace'):
        ensure(r)
        for c in claims:
            o = resolve(c)
            if a == 'replace' and r['old_url'] in o['sources']:
                o['sources'][o['sources'].index(r['old_url'])] = r['new_url']
            elif r['new_url'] not in o['sources']:
                o['sources'].append(r['new_url'])
            # a replace row may list a claim that never cited the old URL: the new one is added
            o['sources'] = list(dict.fromkeys(o['sources']))
    elif a == 'drop':
        for c in claims:
            o = resolve(c)
            if r['old_url'] in o['sources'] and len(o['sources']) > 1:
                o['sources'].remove(r['old_url'])
    elif a == 'reword':
        for c in claims:
            o = resolve(c)
            field = 'text' if 'text' in o else 'claim'
            o[field] = r['title']
print(counts, 'new sources:', len(added))

# --- Hand-made corrections the rows call for -------------------------------------------------
def one(lst, pred): return next(x for x in lst if pred(x))
# Canada: Duheme's remark is of March 2024 (Radio-Canada), not after the 2025 closure.
r13 = by_country['CA']['responses'][13]
r13['date'] = '2024-03'; r13['date_approximate'] = True
# Hungary: the "no Chinese officer has served" statement of January 2025 is ORFK's (police HQ).
for i in (1, 2):
    by_country['HU']['responses'][i]['claimed_by'] = {
        'actor': 'Hungarian National Police Headquarters (ORFK), answering a freedom-of-information request (as reported by hvg.hu and 24.hu)',
        'kind': 'host_police'}
# Japan: prosecutors decided not to indict on 2024-03-25 (Sankei, via sn-jp.com; Kyodo).
sankei = 'https://sn-jp.com/archives/158761'
if sankei not in records:
    rec = {'url': sankei, 'publisher': 'sn-jp.com (copy of Sankei Shimbun)',
           'title': '「海外警察」拠点法人元幹部の中国籍女性2人、コロナ給付金詐欺は不起訴',
           'date': '2024-03-25', 'date_approximate': False, 'kind': 'repost',
           'repost_of': 'Sankei Shimbun', 'tier': 'repost'}
    records[sankei] = [rec]; added.append(rec)
tokyo = by_station['jp-tokyo-1']
if not any(s.get('date') == '2024-03-25' for s in tokyo['status']):
    tokyo['status'].append({
        'date': '2024-03-25',
        'claimed_by': {'actor': 'Tokyo District Public Prosecutors Office (as reported by Sankei Shimbun)',
                       'kind': 'host_judicial'},
        'status': 'no_charges',
        'text': 'The Tokyo District Public Prosecutors Office decided not to indict (不起訴) the two Chinese women referred in February 2024 in the COVID-19 subsidy fraud case, without giving reasons (Sankei, as copied by sn-jp.com; also reported by Kyodo).',
        'sources': [sankei]})

jp_status = tokyo['status'][4]
jp_status['text'] = ("On 2024-02-21 the MPD public-security bureau referred papers to prosecutors (書類送検, a referral, "
    "not an indictment) on two Chinese women linked to the building, on suspicion of fraudulently obtaining about "
    "¥1 million in COVID-19 subsidies (Jiji Press). The fraud case does not concern police-station activity; for "
    "the prosecutors' decision see the next entry.")
jp_response = by_country['JP']['responses'][3]
jp_response['text'] = jp_response['text'].replace('(Kyodo; Sankei).', '(Sankei, as copied by sn-jp.com; also reported by Kyodo).')
if sankei not in jp_response['sources']:
    jp_response['sources'].append(sankei)

# New records go in their own file; records no longer cited anywhere are removed.
cited = set()
def walk(o):
    if isinstance(o, dict):
        if isinstance(o.get('sources'), list):
            cited.update(x for x in o['sources'] if isinstance(x, str))
        for v in o.values(): walk(v)
    elif isinstance(o, list):
        for v in o: walk(v)
for d in (stations, countries, glob, load('reports.json')): walk(d)
removed = 0
for n, d in srcfiles.items():
    keep = [s for s in d['sources'] if s['url'] in cited]
    removed += len(d['sources']) - len(keep); d['sources'] = keep; save(n, d)
extra = {'sources': [s for s in added if s['url'] in cited]}
save('sources-r3.json', extra)
save('stations.json', stations); save('countries.json', countries); save('global.json', glob)
print('records removed (no longer cited):', removed, 'added:', len(extra['sources']))
