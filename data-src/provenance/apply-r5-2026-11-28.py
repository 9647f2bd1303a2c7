#!/usr/bin/env python3
"""One-time: applies the fifth pass (review-2026-11-28.md: the US, UK, Canada, Netherlands, Japan and
Spain panels read as a journalist would quote them) to data-src/. Kept as the record of each change;
running it again changes nothing (every edit checks the text it replaces, or that the new text is
already there). New source records go to sources-r5.json. Each edit names its finding number in
review-2026-11-28.md."""
import json, os, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SRC = os.path.join(ROOT, 'data-src')


def load(name):
    path = os.path.join(SRC, name)
    return json.load(open(path)) if os.path.exists(path) else {'sources': []}


def save(name, obj):
    with open(os.path.join(SRC, name), 'w') as f:
        f.write(json.dumps(obj, ensure_ascii=False, indent=2) + '\n')


stations = load('stations.json')
countries = load('countries.json')
r5 = load('sources-r5.json')
by_station = {s['id']: s for s in stations['stations']}
by_country = {c['iso2']: c for c in countries['countries']}

HANSARD_2022 = 'https://hansard.parliament.uk/Commons/2022-11-01/debates/997662A6-CD71-41C5-BBE9-33FADDB4B974/details'
HANSARD_2023 = 'https://hansard.parliament.uk/Commons/2023-06-06/debates/23060644000008/ChineseOverseasPoliceServiceStations'
EPOCH_SCOT = 'https://www.theepochtimes.com/scotlands-first-minister-says-reports-of-chinese-overseas-police-stations-taken-very-seriously_4824328.html'
EPOCH_LUCKI = 'https://www.theepochtimes.com/rcmp-sent-officers-to-alleged-chinese-police-stations-to-show-visible-presence-commissioner-lucki_5042869.html'
EPOCH_QC = 'https://theepochtimes.com/rcmp-says-probe-into-two-alleged-chinese-police-stations-in-quebec-underway_5111561.html'
EPOCH_MOTION = 'https://www.theepochtimes.com/mps-and-senators-across-political-spectrum-condemn-beijings-threats-against-canadians_5262806.html'
LAINFO = 'https://xn--lainformacin-bib.com/noticias/china-utiliza-las-nueve-comisarias-en-espana-para-controlar-su-colonia'
DOJ_COPY = 'https://securitynews.spectator.co.nz/?p=15481'
TK_ANSWER = 'https://zoek.officielebekendmakingen.nl/ah-tk-20222023-1107.html'
PAROOL = 'https://www.parool.nl/amsterdam/politie-heeft-geen-aanwijzingen-voor-illegaal-chinees-politiebureau-in-amsterdam~bd5b216c/'
NHNIEUWS = 'https://www.nhnieuws.nl/nieuws/n104873/politie-kan-geen-illegaal-chinees-politiebureau-in-amsterdam-vinden'

NEW_SOURCES = [
    {
        'url': EPOCH_SCOT,
        'publisher': 'The Epoch Times (Lily Zhou)',
        'title': 'Scotland’s First Minister Says Reports of Chinese Overseas Police Stations Taken ‘Very Seriously’',
        'date': '2022-10-27', 'date_approximate': False, 'kind': 'news', 'repost_of': None, 'tier': 'original',
    },
    {
        'url': EPOCH_LUCKI,
        'publisher': 'The Epoch Times (Andrew Chen)',
        'title': 'RCMP Sent Officers to Alleged Chinese Police Stations to Show ‘Visible Presence’: Commissioner Lucki',
        'date': '2023-02-08', 'date_approximate': False, 'kind': 'news', 'repost_of': None, 'tier': 'original',
    },
    {
        'url': EPOCH_QC,
        'publisher': 'The Epoch Times (Andrew Chen)',
        'title': 'RCMP Says Probe Into Two Alleged Chinese Police Stations in Quebec Underway',
        'date': '2023-03', 'date_approximate': True, 'kind': 'news', 'repost_of': None, 'tier': 'original',
    },
    {
        'url': EPOCH_MOTION,
        'publisher': 'The Epoch Times (Isaac Teo)',
        'title': 'MPs and Senators Across Political Spectrum Condemn Beijing’s Threats Against Canadians',
        'date': '2023-05-13', 'date_approximate': False, 'kind': 'news', 'repost_of': None, 'tier': 'original',
    },
    {
        'url': LAINFO,
        'publisher': 'La Información (copy of ABC)',
        'title': 'China utiliza las nueve comisarías en España para controlar su colonia [China uses the nine police stations in Spain to control its community]',
        'date': 'n.d.', 'date_approximate': False, 'kind': 'repost', 'repost_of': 'ABC', 'tier': 'repost',
    },
]


def add_source(rec):
    if not any(s['url'] == rec['url'] for s in r5['sources']):
        r5['sources'].append(rec)


def set_text(entry, old_start, new, what):
    """Sets entry['text'] to `new` if it still starts with `old_start` (or already is `new`)."""
    if entry['text'] == new:
        return
    if not entry['text'].startswith(old_start):
        sys.exit(f'{what}: unexpected text {entry["text"][:80]!r}')
    entry['text'] = new


def cite(entry, url):
    if url not in entry['sources']:
        entry['sources'].append(url)


def status_at(station_id, date, old_status_or_new):
    hits = [e for e in by_station[station_id]['status']
            if e['date'] == date and e['status'] in old_status_or_new]
    if len(hits) != 1:
        sys.exit(f'{station_id} {date}: {len(hits)} entries')
    return hits[0]


def response_at(iso2, key, date, *starts):
    """The one entry of that date whose text starts with the old text or the new one."""
    hits = [e for e in by_country[iso2][key] if e['date'] == date and
            any(e['text'].startswith(s) for s in starts)]
    if len(hits) != 1:
        sys.exit(f'{iso2}.{key} {date}: {len(hits)} entries')
    return hits[0]


for rec in NEW_SOURCES:
    add_source(rec)

# --- United Kingdom ----------------------------------------------------------------------------
# GB-1: the 2022-11-01 urgent question. Hansard: "I have discussed this matter with the police and I
# am assured that they are investigating allegations of unlawful activity." The entries said only
# "will be taken seriously" and were `other`.
UQ_2022 = ('Urgent question in the House of Commons. Security Minister Tom Tugendhat: reports of undeclared '
           'police stations \"will be taken seriously\"; \"I have discussed this matter with the police and I am '
           'assured that they are investigating allegations of unlawful activity\"')
for sid, extra in [('gb-croydon-1', '; Croydon MP Sarah Jones raised the High Street site'),
                   ('gb-hendon-1', ''), ('gb-glasgow-1', '')]:
    e = status_at(sid, '2022-11-01', {'other', 'investigation'})
    new = UQ_2022 + extra
    if e['text'] != new:
        if not e['text'].startswith('Urgent question in the House of Commons'):
            sys.exit(f'{sid}: unexpected 2022-11-01 text')
        e['text'] = new
    e['status'] = 'investigation'
gb = by_country['GB']
e = response_at('GB', 'responses', '2022-11-01', 'Urgent question in the Commons.')
e['action'] = 'investigation'
set_text(e, 'Urgent question in the Commons.',
         'Urgent question in the Commons. The Security Minister said reports of undeclared police stations were '
         '\"extremely concerning\" and would be taken seriously, and that he had discussed the matter with the '
         'police and was \"assured that they are investigating allegations of unlawful activity\"; Croydon MP '
         'Sarah Jones raised the High Street site.', 'GB UQ 2022')

# GB-2: the 2023-06-06 written statement: police visited "each of the locations identified by
# Safeguard Defenders" (Belfast is only a "further allegation"), plus the "suppressive impact" line.
WS_STATION = ('Security Minister Tugendhat (written statement): the police visited each of the locations identified '
              'by Safeguard Defenders and \"have not, to date, identified any evidence of illegal activity on behalf '
              'of the Chinese state across these sites\"; \"We assess that police and public scrutiny have had a '
              'suppressive impact on any administrative functions that these sites may have had\"')
for sid in ['gb-croydon-1', 'gb-hendon-1', 'gb-glasgow-1']:
    e = status_at(sid, '2023-06-06', {'no_evidence_found'})
    set_text(e, 'Security Minister Tugendhat (written statement): police visited all sites', WS_STATION, sid)
e = response_at('GB', 'responses', '2023-06-06', 'Police visited all the sites', 'The police visited each')
set_text(e, 'Police visited all the sites',
         'The police visited each of the locations identified by Safeguard Defenders (Croydon, Glasgow and Hendon; '
         'the statement mentions Belfast only as a further allegation) and had not, to date, identified any evidence '
         'of illegal activity on behalf of the Chinese state across these sites; the government assessed that police '
         'and public scrutiny had had a \"suppressive impact\" on any administrative functions the sites may have had.',
         'GB WS 2023')

# GB-3: Sarah Jones's page: the text said only "Update by the local MP"; what she wrote (and that
# her "confirmed that China has closed" paraphrases what the statement gives as the embassy's reply).
e = status_at('gb-croydon-1', '2023-06-07', {'other'})
set_text(e, 'Update by the local MP',
         'The Croydon Central MP wrote that she had met the Security Minister about the Croydon site and that his '
         'statement of the day before \"confirmed that China has closed its reported \'police service stations\' in '
         'Britain, and that an investigation did not reveal any illegal activity by the Chinese state at those '
         'sites\". The statement itself gives the closure as the Chinese embassy\'s response (see 2023-06-06)',
         'gb-croydon-1 Sarah Jones')

# GB-4: 2022-10-27 Glasgow: the words of Sturgeon and of Police Scotland, with a dated titled source.
e = status_at('gb-glasgow-1', '2022-10-27', {'investigation'})
set_text(e, 'First Minister Nicola Sturgeon: \"deeply concerning\"',
         'First Minister Nicola Sturgeon at First Minister\'s Questions: the reports are \"deeply concerning\" and '
         '\"require to be fully and properly investigated\"; Police Scotland (Assistant Chief Constable Andy Freeburn): '
         '\"We are currently reviewing these reports to assess any criminality\"', 'gb-glasgow-1 2022-10-27')
cite(e, EPOCH_SCOT)
e = response_at('GB', 'responses', '2022-10-27', 'The First Minister called')
set_text(e, 'The First Minister called',
         'The First Minister called the reports \"deeply concerning\" and said they \"require to be fully and '
         'properly investigated\"; Police Scotland (Assistant Chief Constable Andy Freeburn) said it was \"currently '
         'reviewing these reports to assess any criminality\".', 'GB 2022-10-27')
cite(e, EPOCH_SCOT)

# --- Canada ------------------------------------------------------------------------------------
# CA-1: Lucki's testimony (2023-02-06) rested on a later article and said "According to the research".
LUCKI = ('RCMP Commissioner Brenda Lucki told the Commons committee on Canada-China relations that the RCMP '
         '\"did a disruption by going in uniform with marked police cars\" at the alleged stations, three in the '
         'Toronto area and one in Vancouver, which it was investigating; she said no one had been arrested or '
         'deported in relation to them')
for sid in ['ca-markham-1', 'ca-markham-2', 'ca-scarborough-1', 'ca-vancouver-1']:
    e = status_at(sid, '2023-02-06', {'other'})
    set_text(e, 'RCMP Commissioner Brenda Lucki told a Commons committee', LUCKI, sid)
    cite(e, EPOCH_LUCKI)
e = response_at('CA', 'responses', '2023-02-06', 'According to the research, the RCMP Commissioner',
                'According to The Epoch Times, the RCMP Commissioner')
set_text(e, 'According to the research, the RCMP Commissioner',
         'According to The Epoch Times, the RCMP Commissioner told the Commons committee on Canada-China relations '
         'that uniformed officers in marked cars had made \"disruption\" visits to four alleged stations (three in '
         'the Toronto area, one in Vancouver) which the RCMP was investigating, and that no one had been arrested or '
         'deported in relation to them.', 'CA Lucki')
cite(e, EPOCH_LUCKI)

# CA-2: Duheme's remark quoted in full ("... and we're continuing investigation"); one spelling of
# his name (Michael; "Mike" in some entries).
DUHEME = ('RCMP Deputy Commissioner Michael Duheme (Commons procedure and House affairs committee): \"Our '
          'understanding is that they\'ve ceased and we\'re continuing investigation\"; no charges laid')
for sid in ['ca-markham-1', 'ca-markham-2', 'ca-scarborough-1']:
    e = status_at(sid, '2023-03-02', {'closed'})
    set_text(e, 'RCMP Deputy Commissioner Mike Duheme', DUHEME, sid)
    e['claimed_by']['actor'] = 'RCMP Deputy Commissioner Michael Duheme'
e = status_at('ca-vancouver-1', '2023-03-02', {'closed'})
set_text(e, 'Counted among the four stations',
         'Counted among the four stations of which RCMP Deputy Commissioner Michael Duheme said: \"Our '
         'understanding is that they\'ve ceased and we\'re continuing investigation\"; no charges',
         'ca-vancouver-1 Duheme')
e['claimed_by']['actor'] = 'RCMP Deputy Commissioner Michael Duheme'
e = response_at('CA', 'responses', '2023-03-02', 'The Deputy Commissioner')
set_text(e, 'The Deputy Commissioner said',
         'The Deputy Commissioner told a Commons committee: \"Our understanding is that they\'ve ceased and we\'re '
         'continuing investigation\"; no charges had been laid.', 'CA Duheme')

# CA-3: the Montreal and Brossard listings of 2023-03-08 were claimed by the RCMP, but that day's
# report was the Journal de Montréal's; the RCMP confirmed its investigation on 9 March.
for sid, name in [('ca-montreal-1', 'SFCGM, Chinatown'), ('ca-brossard-1', 'CSQRS, Brossard')]:
    e = status_at(sid, '2023-03-08', {'reported'})
    set_text(e, 'Reported as one of two alleged Chinese police stations',
             f'The Journal de Montréal reported on 2023-03-08 (according to The Epoch Times; CTV News says the '
             f'investigation \"was first reported by the Journal de Montréal\") that the RCMP was investigating two '
             f'alleged Chinese police stations in the Montreal area ({name}); not in either Safeguard Defenders list. '
             f'The RCMP confirmed the investigation on 2023-03-09 (next entry)', sid)
    e['claimed_by'] = {'actor': 'Journal de Montréal (as reported by The Epoch Times and CTV News Montreal)',
                       'kind': 'press'}
    cite(e, EPOCH_QC)

# CA-4: a later event missing from the panel: the Commons motion of May 2023 that calls for closing
# the PRC-run police stations (a legislature's demand, not a government action).
ca = by_country['CA']
if not any(e['date'] == '2023-05-04' for e in ca['responses']):
    entry = {
        'date': '2023-05-04',
        'date_approximate': False,
        'claimed_by': {'actor': 'The Epoch Times', 'kind': 'press'},
        'actor': 'House of Commons (Conservative motion moved by MP Michael Cooper)',
        'action': 'other',
        'text': 'According to The Epoch Times, the House of Commons passed a motion, put forth by Conservative MP '
                'Michael Cooper on 4 May 2023, that demands among other things the closing down of \"People\'s '
                'Republic of China run police stations operating in Canada\". A call by the legislature on the '
                'government, not a closure.',
        'sources': [EPOCH_MOTION],
    }
    i = next(k for k, e in enumerate(ca['responses']) if e['date'] > '2023-05-04' and not e['date'].startswith('2023-05-0'))
    ca['responses'].insert(i, entry)

# --- United States -----------------------------------------------------------------------------
# US-1: Wray called it "outrageous to think that the Chinese police would attempt to set up shop
# ... without proper coordination", not the stations themselves "outrageous".
us = by_country['US']
e = response_at('US', 'responses', '2022-11-17', '\"We are aware of the existence')
set_text(e, '\"We are aware of the existence',
         '\"We are aware of the existence of these stations\"; he said it was \"outrageous to think that the Chinese '
         'police would attempt to set up shop, you know, in New York, let\'s say, without proper coordination\".',
         'US Wray')
# US-2: the DOJ says the operators closed the station after learning of the FBI investigation.
e = status_at('us-newyork-1', '2022-10', {'closed'})
set_text(e, 'According to the DOJ (as reported by AP)',
         'According to the DOJ (complaint release, as copied, and AP), the station \"closed in the fall of 2022 after '
         'those operating it became aware of the FBI\'s investigation\": a closure by its operators, not an order',
         'us-newyork-1 closed')
cite(e, DOJ_COPY)

# US-5: a note told the reader what to do ("should not be placed as such"); plain statement instead.
for e in by_country['US']['notes']:
    if e['text'].endswith('and should not be placed as such.'):
        e['text'] = e['text'].replace('Those four are not police stations listed in Patrol and Persuade and should '
                                      'not be placed as such.',
                                      'Those four are not among the police stations listed in Patrol and Persuade; '
                                      'the data set does not place them as stations.')

# --- Netherlands -------------------------------------------------------------------------------
# NL-1: the closure order: Hoekstra said he did not know whether the stations had actually closed
# (De Gelderlander / ANP, already cited).
ORDER = ('Foreign Minister Wopke Hoekstra summoned the Chinese ambassador and ordered the stations closed '
         'immediately; the oral order was confirmed in writing on 1 November. He said he did not know whether the '
         'stations had actually closed (ANP, via De Gelderlander)')
for sid in ['nl-amsterdam-1', 'nl-rotterdam-1']:
    e = status_at(sid, '2022-11-01', {'ordered_closed'})
    set_text(e, 'Foreign Minister Wopke Hoekstra summoned', ORDER, sid)
e = response_at('NL', 'responses', '2022-11-01', 'The foreign minister summoned')
set_text(e, 'The foreign minister summoned',
         'The foreign minister summoned the Chinese ambassador and ordered the immediate closure of the stations '
         '(reported 31 October-1 November 2022); the oral order was confirmed in writing on 1 November 2022. He said '
         'he did not know whether the stations had actually closed (ANP, via De Gelderlander).', 'NL order')
# NL-2: the government's "have since been closed" and the Amsterdam mayor's "no physical location,
# no indication of a station since 2018" were not set side by side.
nl = by_country['NL']
topic = 'Whether a station operated in Amsterdam'
if not any(d['topic'] == topic for d in nl['disagreements']):
    nl['disagreements'].append({
        'topic': topic,
        'station_ids': ['nl-amsterdam-1'],
        'versions': [
            {'claim': 'The stations in the Netherlands \"have since been closed\" after the cabinet took steps '
                      '(ministers\' written answer to Kamervragen 2022Z20802, 2022-12-20)',
             'sources': [TK_ANSWER]},
            {'claim': 'Amsterdam police could not locate a physical site and found no indication that a Chinese '
                      'police station had operated in the city since 2018 (Mayor Femke Halsema\'s answer to council '
                      'questions, February 2023)',
             'sources': [PAROOL, NHNIEUWS]},
        ],
    })

# --- Spain -------------------------------------------------------------------------------------
# ES-1: the consul general's words were a social-media post that El Mundo quotes on 2022-11-15;
# the post's own date is not given.
es = by_country['ES']
e = response_at('ES', 'china_position', '2022-11-15', 'The consul general said', 'According to El Mundo')
set_text(e, 'The consul general said',
         'According to El Mundo (2022-11-15), the consul general had written on social media that the so-called '
         '\"Chinese police stations abroad\" are service stations for overseas Chinese (\"estaciones de servicio a '
         'favor de los chinos en el ultramar\"). The date of the post is not given; this entry carries the date of '
         'El Mundo\'s report.', 'ES consul')
# ES-2: ABC's sources (as copied) said there was no formal investigation in Spain; El Mundo,
# Telemadrid and the written answer say the Interior Ministry was investigating or checking.
topic = 'Whether Spanish authorities opened a formal investigation'
if not any(d['topic'] == topic for d in es['disagreements']):
    es['disagreements'].append({
        'topic': topic,
        'station_ids': [],
        'versions': [
            {'claim': 'The Interior Ministry confirmed it was investigating the alleged stations (Telemadrid, '
                      '2022-11-07); in January 2023 the government said the security forces were \"cotejando '
                      'todos los extremos\" (checking all aspects) of the published reports',
             'sources': ['https://www.telemadrid.es/programas/120-minutos/Interior-investiga-comisarias-secretas-del-Gobierno-chino-en-Espana-y-una-de-ellas-esta-en-Usera-2-2503569642--20221107043611.html',
                         'https://theobjective.com/espana/2023-02-13/interior-comisarias-secretas-chinas']},
            {'claim': 'Sources consulted by ABC (undated copy): \"No hay una sola denuncia ... de modo que no hay una '
                      'investigación oficial sobre estas oficinas\" (there is not a single complaint, so there is no '
                      'official investigation); ABC adds that, at least in Spain, no judge has opened proceedings and '
                      'the security forces have not opened formal investigations with a case number',
             'sources': [LAINFO]},
        ],
    })
# The ES station ids are optional; drop the empty list (the format makes station_ids optional).
for d in es['disagreements']:
    if d.get('station_ids') == []:
        del d['station_ids']

for c in ('US', 'GB', 'CA', 'NL', 'JP', 'ES'):
    by_country[c]['last_checked'] = '2026-11-28'

save('stations.json', stations)
save('countries.json', countries)
save('sources-r5.json', r5)
print('applied')
