"""Outlet names, from a URL's domain or from what a plain-text scrape itself shows.

`outlet_from_url` looks the host up in a curated map of news domains (a few hundred major
English-language outlets and news agencies, plus the big Canadian, UK, Irish, Australian and
international English-language sites); an unknown domain becomes a readable name
("kelownanow.com" gives "Kelowna Now", "cgai.ca" gives "CGAI").

`outlet_from_text` reads general signals, strongest first: a page-title line
("Headline | Outlet | Tagline"), a copyright line ("© 2002-2022 Some Institute",
"News from © The Canadian Press, 2021"), a masthead line that is a known outlet's name, and the
way outlets refer to themselves in their own reporting ("confirmed to Global News",
"told VICE News"). It returns None when the text names no outlet: a photo credit such as
"(Reuters)" or a credit such as "With files from CBC" does not name the publisher.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from collections import Counter
from urllib.parse import urlsplit

__all__ = [
    "KNOWN_OUTLETS",
    "WIRES",
    "canonical_wire",
    "is_known_outlet_name",
    "outlet_from_text",
    "outlet_from_url",
    "outlet_is_curated",
    "outlet_signal",
    "readable_domain_name",
]

# ---------------------------------------------------------------------------------------------
# The curated map: host (without "www.") -> outlet name. A host matches itself and its
# subdomains ("edition.cnn.com" -> "cnn.com"); more specific hosts win ("news.vice.com").
# ---------------------------------------------------------------------------------------------
_DOMAINS: dict[str, str] = {
    # --- news agencies / wires ---
    "apnews.com": "AP",
    "ap.org": "AP",
    "reuters.com": "Reuters",
    "afp.com": "AFP",
    "thecanadianpress.com": "The Canadian Press",
    "cp.org": "The Canadian Press",
    "upi.com": "UPI",
    "bloomberg.com": "Bloomberg",
    "pa.media": "PA Media",
    # --- government press offices that publish news releases ---
    "centcom.mil": "U.S. Central Command",
    "defense.gov": "U.S. Department of Defense",
    "aap.com.au": "AAP",
    "dpa-international.com": "dpa",
    "efe.com": "EFE",
    "ansa.it": "ANSA",
    "xinhuanet.com": "Xinhua",
    "news.cn": "Xinhua",
    "tass.com": "TASS",
    "kyodonews.net": "Kyodo News",
    "yna.co.kr": "Yonhap",
    "aa.com.tr": "Anadolu Agency",
    "ptinews.com": "Press Trust of India",
    "ians.in": "IANS",
    "irna.ir": "IRNA",
    "interfax.com": "Interfax",
    "ukrinform.net": "Ukrinform",
    "allafrica.com": "AllAfrica",
    "wikinews.org": "Wikinews",
    # --- Canada ---
    "cbc.ca": "CBC News",
    "radio-canada.ca": "Radio-Canada",
    "rcinet.ca": "Radio Canada International",
    "globalnews.ca": "Global News",
    "ctvnews.ca": "CTV News",
    "ctv.ca": "CTV",
    "cp24.com": "CP24",
    "citynews.ca": "CityNews",
    "cpac.ca": "CPAC",
    "bnnbloomberg.ca": "BNN Bloomberg",
    "theglobeandmail.com": "The Globe and Mail",
    "nationalpost.com": "National Post",
    "financialpost.com": "Financial Post",
    "thestar.com": "Toronto Star",
    "torontosun.com": "Toronto Sun",
    "ottawacitizen.com": "Ottawa Citizen",
    "ottawasun.com": "Ottawa Sun",
    "montrealgazette.com": "Montreal Gazette",
    "vancouversun.com": "Vancouver Sun",
    "theprovince.com": "The Province",
    "calgaryherald.com": "Calgary Herald",
    "calgarysun.com": "Calgary Sun",
    "edmontonjournal.com": "Edmonton Journal",
    "edmontonsun.com": "Edmonton Sun",
    "leaderpost.com": "Regina Leader-Post",
    "thestarphoenix.com": "Saskatoon StarPhoenix",
    "winnipegfreepress.com": "Winnipeg Free Press",
    "winnipegsun.com": "Winnipeg Sun",
    "lfpress.com": "The London Free Press",
    "windsorstar.com": "Windsor Star",
    "thespec.com": "The Hamilton Spectator",
    "therecord.com": "Waterloo Region Record",
    "kingstonwhigstandard.com": "The Kingston Whig-Standard",
    "thesudburystar.com": "The Sudbury Star",
    "timescolonist.com": "Times Colonist",
    "thechronicleherald.ca": "The Chronicle Herald",
    "saltwire.com": "SaltWire",
    "telegraphjournal.com": "Telegraph-Journal",
    "theguardian.pe.ca": "The Guardian (Charlottetown)",
    "macleans.ca": "Maclean's",
    "hilltimes.com": "The Hill Times",
    "ipolitics.ca": "iPolitics",
    "thetyee.ca": "The Tyee",
    "nationalobserver.com": "Canada's National Observer",
    "thelogic.co": "The Logic",
    "canadaland.com": "Canadaland",
    "huffingtonpost.ca": "HuffPost Canada",
    "infonews.ca": "iNFOnews",
    "infotel.ca": "iNFOnews",
    "castanet.net": "Castanet",
    "kelownanow.com": "Kelowna Now",
    "nunatsiaq.ca": "Nunatsiaq News",
    "aptnnews.ca": "APTN News",
    "lapresse.ca": "La Presse",
    "ledevoir.com": "Le Devoir",
    "journaldemontreal.com": "Le Journal de Montréal",
    "tvanouvelles.ca": "TVA Nouvelles",
    "dailyhive.com": "Daily Hive",
    "narcity.com": "Narcity",
    "blogto.com": "blogTO",
    "westernstandard.news": "Western Standard",
    "thepostmillennial.com": "The Post Millennial",
    "rebelnews.com": "Rebel News",
    "policyoptions.irpp.org": "Policy Options",
    "sudbury.com": "Sudbury.com",
    "tbnewswatch.com": "TBNewsWatch",
    "baytoday.ca": "BayToday",
    "cheknews.ca": "CHEK News",
    "thecoast.ca": "The Coast",
    "vice.com": "VICE",
    "news.vice.com": "VICE News",
    # --- United States: national ---
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "usatoday.com": "USA Today",
    "latimes.com": "Los Angeles Times",
    "cnn.com": "CNN",
    "foxnews.com": "Fox News",
    "nbcnews.com": "NBC News",
    "cbsnews.com": "CBS News",
    "abcnews.go.com": "ABC News",
    "abcnews.com": "ABC News",
    "msnbc.com": "MSNBC",
    "npr.org": "NPR",
    "pbs.org": "PBS",
    "cnbc.com": "CNBC",
    "politico.com": "Politico",
    "thehill.com": "The Hill",
    "axios.com": "Axios",
    "huffpost.com": "HuffPost",
    "huffingtonpost.com": "HuffPost",
    "vox.com": "Vox",
    "slate.com": "Slate",
    "salon.com": "Salon",
    "theatlantic.com": "The Atlantic",
    "newyorker.com": "The New Yorker",
    "time.com": "Time",
    "newsweek.com": "Newsweek",
    "usnews.com": "U.S. News & World Report",
    "businessinsider.com": "Business Insider",
    "insider.com": "Insider",
    "forbes.com": "Forbes",
    "fortune.com": "Fortune",
    "buzzfeednews.com": "BuzzFeed News",
    "buzzfeed.com": "BuzzFeed",
    "thedailybeast.com": "The Daily Beast",
    "motherjones.com": "Mother Jones",
    "thenation.com": "The Nation",
    "nationalreview.com": "National Review",
    "washingtonexaminer.com": "Washington Examiner",
    "washingtontimes.com": "The Washington Times",
    "breitbart.com": "Breitbart News",
    "dailycaller.com": "The Daily Caller",
    "theintercept.com": "The Intercept",
    "propublica.org": "ProPublica",
    "rollcall.com": "Roll Call",
    "c-span.org": "C-SPAN",
    "semafor.com": "Semafor",
    "thedispatch.com": "The Dispatch",
    "realclearpolitics.com": "RealClearPolitics",
    "csmonitor.com": "The Christian Science Monitor",
    "voanews.com": "Voice of America",
    "rferl.org": "Radio Free Europe/Radio Liberty",
    "rfa.org": "Radio Free Asia",
    "stripes.com": "Stars and Stripes",
    "militarytimes.com": "Military Times",
    "defensenews.com": "Defense News",
    "defenseone.com": "Defense One",
    "military.com": "Military.com",
    "breakingdefense.com": "Breaking Defense",
    "foreignpolicy.com": "Foreign Policy",
    "foreignaffairs.com": "Foreign Affairs",
    "lawfaremedia.org": "Lawfare",
    "theverge.com": "The Verge",
    "wired.com": "Wired",
    "arstechnica.com": "Ars Technica",
    "techcrunch.com": "TechCrunch",
    "engadget.com": "Engadget",
    "cnet.com": "CNET",
    "zdnet.com": "ZDNET",
    "marketwatch.com": "MarketWatch",
    "barrons.com": "Barron's",
    "qz.com": "Quartz",
    "news.yahoo.com": "Yahoo News",
    "yahoo.com": "Yahoo",
    "msn.com": "MSN",
    "upworthy.com": "Upworthy",
    "thegrio.com": "TheGrio",
    "theroot.com": "The Root",
    "rollingstone.com": "Rolling Stone",
    "newrepublic.com": "The New Republic",
    "reason.com": "Reason",
    "thefederalist.com": "The Federalist",
    "newsmax.com": "Newsmax",
    "oann.com": "One America News",
    "dailywire.com": "The Daily Wire",
    "mediaite.com": "Mediaite",
    "theguardian.us": "The Guardian US",
    # --- United States: regional ---
    "chicagotribune.com": "Chicago Tribune",
    "suntimes.com": "Chicago Sun-Times",
    "bostonglobe.com": "The Boston Globe",
    "bostonherald.com": "Boston Herald",
    "sfchronicle.com": "San Francisco Chronicle",
    "sfgate.com": "SFGATE",
    "nypost.com": "New York Post",
    "nydailynews.com": "New York Daily News",
    "newsday.com": "Newsday",
    "miamiherald.com": "Miami Herald",
    "dallasnews.com": "The Dallas Morning News",
    "houstonchronicle.com": "Houston Chronicle",
    "expressnews.com": "San Antonio Express-News",
    "statesman.com": "Austin American-Statesman",
    "star-telegram.com": "Fort Worth Star-Telegram",
    "texastribune.org": "The Texas Tribune",
    "seattletimes.com": "The Seattle Times",
    "denverpost.com": "The Denver Post",
    "azcentral.com": "The Arizona Republic",
    "inquirer.com": "The Philadelphia Inquirer",
    "philly.com": "The Philadelphia Inquirer",
    "startribune.com": "Star Tribune",
    "ajc.com": "The Atlanta Journal-Constitution",
    "tampabay.com": "Tampa Bay Times",
    "sun-sentinel.com": "South Florida Sun Sentinel",
    "orlandosentinel.com": "Orlando Sentinel",
    "baltimoresun.com": "The Baltimore Sun",
    "post-gazette.com": "Pittsburgh Post-Gazette",
    "cleveland.com": "Cleveland.com",
    "freep.com": "Detroit Free Press",
    "detroitnews.com": "The Detroit News",
    "jsonline.com": "Milwaukee Journal Sentinel",
    "kansascity.com": "The Kansas City Star",
    "stltoday.com": "St. Louis Post-Dispatch",
    "oregonlive.com": "The Oregonian",
    "sacbee.com": "The Sacramento Bee",
    "mercurynews.com": "The Mercury News",
    "ocregister.com": "Orange County Register",
    "sandiegouniontribune.com": "The San Diego Union-Tribune",
    "nola.com": "The Times-Picayune",
    "tennessean.com": "The Tennessean",
    "courier-journal.com": "Courier Journal",
    "indystar.com": "The Indianapolis Star",
    "cincinnati.com": "The Cincinnati Enquirer",
    "dispatch.com": "The Columbus Dispatch",
    "charlotteobserver.com": "The Charlotte Observer",
    "newsobserver.com": "The News & Observer",
    "reviewjournal.com": "Las Vegas Review-Journal",
    "sltrib.com": "The Salt Lake Tribune",
    "deseret.com": "Deseret News",
    "staradvertiser.com": "Honolulu Star-Advertiser",
    "adn.com": "Anchorage Daily News",
    "hartfordcourant.com": "Hartford Courant",
    "pilotonline.com": "The Virginian-Pilot",
    "richmond.com": "Richmond Times-Dispatch",
    "buffalonews.com": "The Buffalo News",
    "timesunion.com": "Times Union",
    "nj.com": "NJ.com",
    "northjersey.com": "NorthJersey.com",
    "lohud.com": "The Journal News",
    "gothamist.com": "Gothamist",
    "politifact.com": "PolitiFact",
    "factcheck.org": "FactCheck.org",
    # --- United Kingdom and Ireland ---
    "bbc.co.uk": "BBC News",
    "bbc.com": "BBC News",
    "theguardian.com": "The Guardian",
    "guardian.co.uk": "The Guardian",
    "telegraph.co.uk": "The Telegraph",
    "independent.co.uk": "The Independent",
    "thetimes.co.uk": "The Times",
    "thetimes.com": "The Times",
    "thesun.co.uk": "The Sun",
    "dailymail.co.uk": "Daily Mail",
    "mirror.co.uk": "Daily Mirror",
    "express.co.uk": "Daily Express",
    "standard.co.uk": "Evening Standard",
    "metro.co.uk": "Metro",
    "inews.co.uk": "i",
    "news.sky.com": "Sky News",
    "sky.com": "Sky",
    "itv.com": "ITV News",
    "channel4.com": "Channel 4 News",
    "ft.com": "Financial Times",
    "economist.com": "The Economist",
    "spectator.co.uk": "The Spectator",
    "newstatesman.com": "New Statesman",
    "prospectmagazine.co.uk": "Prospect",
    "cityam.com": "City A.M.",
    "morningstaronline.co.uk": "Morning Star",
    "scotsman.com": "The Scotsman",
    "heraldscotland.com": "The Herald",
    "dailyrecord.co.uk": "Daily Record",
    "walesonline.co.uk": "WalesOnline",
    "belfasttelegraph.co.uk": "Belfast Telegraph",
    "irishnews.com": "The Irish News",
    "manchestereveningnews.co.uk": "Manchester Evening News",
    "liverpoolecho.co.uk": "Liverpool Echo",
    "yorkshirepost.co.uk": "The Yorkshire Post",
    "irishtimes.com": "The Irish Times",
    "independent.ie": "Irish Independent",
    "irishexaminer.com": "Irish Examiner",
    "rte.ie": "RTÉ News",
    "thejournal.ie": "TheJournal.ie",
    "breakingnews.ie": "BreakingNews.ie",
    # --- Australia and New Zealand ---
    "abc.net.au": "ABC News (Australia)",
    "smh.com.au": "The Sydney Morning Herald",
    "theage.com.au": "The Age",
    "theaustralian.com.au": "The Australian",
    "news.com.au": "news.com.au",
    "dailytelegraph.com.au": "The Daily Telegraph (Sydney)",
    "heraldsun.com.au": "Herald Sun",
    "couriermail.com.au": "The Courier-Mail",
    "afr.com": "Australian Financial Review",
    "sbs.com.au": "SBS News",
    "9news.com.au": "9News",
    "7news.com.au": "7NEWS",
    "canberratimes.com.au": "The Canberra Times",
    "brisbanetimes.com.au": "Brisbane Times",
    "watoday.com.au": "WAtoday",
    "crikey.com.au": "Crikey",
    "theconversation.com": "The Conversation",
    "nzherald.co.nz": "The New Zealand Herald",
    "stuff.co.nz": "Stuff",
    "rnz.co.nz": "RNZ",
    "1news.co.nz": "1News",
    "newsroom.co.nz": "Newsroom",
    # --- Europe (English-language services) ---
    "dw.com": "DW",
    "france24.com": "France 24",
    "rfi.fr": "RFI",
    "euronews.com": "Euronews",
    "politico.eu": "Politico Europe",
    "euractiv.com": "Euractiv",
    "euobserver.com": "EUobserver",
    "thelocal.de": "The Local Germany",
    "thelocal.fr": "The Local France",
    "thelocal.se": "The Local Sweden",
    "thelocal.it": "The Local Italy",
    "thelocal.es": "The Local Spain",
    "swissinfo.ch": "SWI swissinfo.ch",
    "spiegel.de": "Der Spiegel",
    "lemonde.fr": "Le Monde",
    "elpais.com": "El País",
    "brusselstimes.com": "The Brussels Times",
    "dutchnews.nl": "DutchNews.nl",
    "nltimes.nl": "NL Times",
    "yle.fi": "Yle",
    "ekathimerini.com": "Kathimerini",
    "balkaninsight.com": "Balkan Insight",
    "notesfrompoland.com": "Notes from Poland",
    "kyivindependent.com": "The Kyiv Independent",
    "kyivpost.com": "Kyiv Post",
    "themoscowtimes.com": "The Moscow Times",
    "meduza.io": "Meduza",
    "rt.com": "RT",
    "sputniknews.com": "Sputnik",
    "dailysabah.com": "Daily Sabah",
    "hurriyetdailynews.com": "Hürriyet Daily News",
    "trtworld.com": "TRT World",
    "bianet.org": "Bianet",
    # --- Middle East ---
    "aljazeera.com": "Al Jazeera",
    "aljazeera.net": "Al Jazeera",
    "arabnews.com": "Arab News",
    "thenationalnews.com": "The National",
    "gulfnews.com": "Gulf News",
    "khaleejtimes.com": "Khaleej Times",
    "haaretz.com": "Haaretz",
    "timesofisrael.com": "The Times of Israel",
    "jpost.com": "The Jerusalem Post",
    "ynetnews.com": "Ynetnews",
    "i24news.tv": "i24NEWS",
    "middleeasteye.net": "Middle East Eye",
    "al-monitor.com": "Al-Monitor",
    "rudaw.net": "Rudaw",
    "kurdistan24.net": "Kurdistan24",
    "presstv.ir": "Press TV",
    "tehrantimes.com": "Tehran Times",
    "english.alarabiya.net": "Al Arabiya",
    "alarabiya.net": "Al Arabiya",
    "jordantimes.com": "The Jordan Times",
    "dailystar.com.lb": "The Daily Star (Lebanon)",
    "naharnet.com": "Naharnet",
    "ahram.org.eg": "Ahram Online",
    "egyptindependent.com": "Egypt Independent",
    "madamasr.com": "Mada Masr",
    "iraqinews.com": "Iraqi News",
    "syriadirect.org": "Syria Direct",
    # --- South Asia ---
    "dawn.com": "Dawn",
    "tribune.com.pk": "The Express Tribune",
    "thenews.com.pk": "The News International",
    "geo.tv": "Geo News",
    "timesofindia.indiatimes.com": "The Times of India",
    "economictimes.indiatimes.com": "The Economic Times",
    "hindustantimes.com": "Hindustan Times",
    "thehindu.com": "The Hindu",
    "indianexpress.com": "The Indian Express",
    "ndtv.com": "NDTV",
    "livemint.com": "Mint",
    "indiatoday.in": "India Today",
    "news18.com": "News18",
    "theprint.in": "ThePrint",
    "scroll.in": "Scroll.in",
    "thewire.in": "The Wire",
    "deccanherald.com": "Deccan Herald",
    "thedailystar.net": "The Daily Star (Bangladesh)",
    "kathmandupost.com": "The Kathmandu Post",
    "dailymirror.lk": "Daily Mirror (Sri Lanka)",
    "tolonews.com": "TOLOnews",
    "pajhwok.com": "Pajhwok Afghan News",
    # --- East and Southeast Asia ---
    "scmp.com": "South China Morning Post",
    "chinadaily.com.cn": "China Daily",
    "globaltimes.cn": "Global Times",
    "cgtn.com": "CGTN",
    "sixthtone.com": "Sixth Tone",
    "caixinglobal.com": "Caixin Global",
    "japantimes.co.jp": "The Japan Times",
    "mainichi.jp": "The Mainichi",
    "asahi.com": "The Asahi Shimbun",
    "nhk.or.jp": "NHK",
    "asia.nikkei.com": "Nikkei Asia",
    "koreaherald.com": "The Korea Herald",
    "koreatimes.co.kr": "The Korea Times",
    "koreajoongangdaily.joins.com": "Korea JoongAng Daily",
    "nknews.org": "NK News",
    "straitstimes.com": "The Straits Times",
    "channelnewsasia.com": "CNA",
    "todayonline.com": "TODAY",
    "thestar.com.my": "The Star (Malaysia)",
    "malaymail.com": "Malay Mail",
    "bangkokpost.com": "Bangkok Post",
    "nationthailand.com": "The Nation Thailand",
    "inquirer.net": "Philippine Daily Inquirer",
    "rappler.com": "Rappler",
    "philstar.com": "The Philippine Star",
    "thejakartapost.com": "The Jakarta Post",
    "vnexpress.net": "VnExpress International",
    "taipeitimes.com": "Taipei Times",
    "focustaiwan.tw": "Focus Taiwan",
    "hongkongfp.com": "Hong Kong Free Press",
    "thediplomat.com": "The Diplomat",
    "irrawaddy.com": "The Irrawaddy",
    # --- Africa ---
    "news24.com": "News24",
    "timeslive.co.za": "TimesLIVE",
    "iol.co.za": "IOL",
    "dailymaverick.co.za": "Daily Maverick",
    "mg.co.za": "Mail & Guardian",
    "nation.africa": "Nation",
    "standardmedia.co.ke": "The Standard",
    "theeastafrican.co.ke": "The EastAfrican",
    "monitor.co.ug": "Daily Monitor",
    "thecitizen.co.tz": "The Citizen",
    "premiumtimesng.com": "Premium Times",
    "punchng.com": "Punch",
    "vanguardngr.com": "Vanguard",
    "guardian.ng": "The Guardian Nigeria",
    "africanews.com": "Africanews",
    "theafricareport.com": "The Africa Report",
    "herald.co.zw": "The Herald (Zimbabwe)",
    "newzimbabwe.com": "NewZimbabwe",
    # --- Latin America and the Caribbean (English) ---
    "mercopress.com": "MercoPress",
    "batimes.com.ar": "Buenos Aires Times",
    "mexiconewsdaily.com": "Mexico News Daily",
    "ticotimes.net": "The Tico Times",
    "jamaica-gleaner.com": "The Gleaner",
    "jamaicaobserver.com": "Jamaica Observer",
    "insightcrime.org": "InSight Crime",
}
# A value in the map that only names a portal, not a newsroom, and must not shadow a better
# name found in the text.
_PORTALS = {"MSN", "Yahoo", "Sky", "CTV"}

# Canonical names of news agencies, and the spellings that mean them.
WIRES: dict[str, str] = {
    "the canadian press": "The Canadian Press",
    "canadian press": "The Canadian Press",
    "cp": "The Canadian Press",
    "la presse canadienne": "The Canadian Press",
    "the associated press": "AP",
    "associated press": "AP",
    "ap": "AP",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "afp": "AFP",
    "bloomberg": "Bloomberg",
    "bloomberg news": "Bloomberg",
    "upi": "UPI",
    "united press international": "UPI",
    "pa": "PA Media",
    "pa media": "PA Media",
    "press association": "PA Media",
    "aap": "AAP",
    "australian associated press": "AAP",
    "dpa": "dpa",
    "deutsche presse-agentur": "dpa",
    "efe": "EFE",
    "ansa": "ANSA",
    "xinhua": "Xinhua",
    "tass": "TASS",
    "kyodo": "Kyodo News",
    "kyodo news": "Kyodo News",
    "yonhap": "Yonhap",
    "anadolu": "Anadolu Agency",
    "anadolu agency": "Anadolu Agency",
    "press trust of india": "Press Trust of India",
    "pti": "Press Trust of India",
    "ians": "IANS",
    "interfax": "Interfax",
}

# Extra spellings under which outlets name themselves in text (besides the map's values).
_ALIASES: dict[str, str] = {
    "CBC": "CBC News",
    "CBC News": "CBC News",
    "VICE News": "VICE News",
    "VICE": "VICE",
    "Vice News": "VICE News",
    "Global News": "Global News",
    "CTV": "CTV News",
    "CTV News": "CTV News",
    "The Globe": "The Globe and Mail",
    "Globe and Mail": "The Globe and Mail",
    "The Star": "Toronto Star",
    "the Toronto Star": "Toronto Star",
    "BBC": "BBC News",
    "Sky News": "Sky News",
    "ITV News": "ITV News",
    "the Guardian": "The Guardian",
    "Guardian": "The Guardian",
    "the Independent": "The Independent",
    "the Telegraph": "The Telegraph",
    "ABC News": "ABC News",
    "the Associated Press": "AP",
    "Associated Press": "AP",
    "Agence France-Presse": "AFP",
    "Canadian Press": "The Canadian Press",
    "the Canadian Press": "The Canadian Press",
    "NBC": "NBC News",
    "CBS": "CBS News",
    "Fox": "Fox News",
    "HuffPost": "HuffPost",
    "Huffington Post": "HuffPost",
    "the Washington Post": "The Washington Post",
    "the New York Times": "The New York Times",
    "the Wall Street Journal": "The Wall Street Journal",
    "the Hill Times": "The Hill Times",
    "Radio-Canada": "Radio-Canada",
    "RCI": "Radio Canada International",
    "iNFOnews": "iNFOnews",
    "iNFOnews.ca": "iNFOnews",
    "Al Jazeera": "Al Jazeera",
    "Deutsche Welle": "DW",
    "U.S. Central Command": "U.S. Central Command",
    "US Central Command": "U.S. Central Command",
    "U.S. Department of Defense": "U.S. Department of Defense",
}

_AMBIGUOUS_NAMES = {"i", "Time", "Mint", "Nation", "Punch", "Metro", "Salon", "Slate", "Reason",
                    "Stuff", "Vox", "Insider", "TODAY", "The Standard", "The Sun", "The Star",
                    "The Times", "The Herald", "The Citizen", "The Wire", "The Nation", "Fox",
                    "news.com.au", "Sky", "Yahoo", "MSN", "CTV"}


def _build_known() -> dict[str, str]:
    known: dict[str, str] = {}
    for name in _DOMAINS.values():
        if name not in _PORTALS:
            known[name] = name
    for alias, name in _ALIASES.items():
        known[alias] = name
    for spelling, canonical in WIRES.items():
        if len(spelling) > 4:  # short agency codes are matched only in their own contexts
            known[spelling.title() if spelling.islower() else spelling] = canonical
    known["The Canadian Press"] = "The Canadian Press"
    return known


# name as it may be written in text -> canonical outlet name
KNOWN_OUTLETS: dict[str, str] = _build_known()
_KNOWN_LOWER = {name.casefold(): canonical for name, canonical in KNOWN_OUTLETS.items()}
_NAMES_RE = re.compile(
    r"(?<![\w.])("
    + "|".join(re.escape(n) for n in sorted(KNOWN_OUTLETS, key=len, reverse=True)
               if n not in _AMBIGUOUS_NAMES)
    + r")(?![\w])"
)


_WHITESPACE = re.compile(r"\s+")


def _single_spaced(text: str) -> str:
    """`text` with each run of whitespace as one space, as `_WHITESPACE.sub(" ", text)` gives.

    The regex's whitespace is exactly what `str.isspace` accepts, so when `text` neither starts
    nor ends with whitespace the split-and-join is the same string, without the regex."""
    if text and not text[0].isspace() and not text[-1].isspace():
        return " ".join(text.split())
    return _WHITESPACE.sub(" ", text)


def canonical_wire(name: str) -> str | None:
    """The canonical agency name for a spelling of it ("Associated Press" -> "AP"), else None."""
    key = _single_spaced(name.strip().strip(".,;:()[]")).casefold()
    return WIRES.get(key)


def is_known_outlet_name(name: str) -> str | None:
    """The canonical outlet for `name` if it is a known outlet's or agency's name, else None."""
    key = _single_spaced(name.replace("\u00a0", " ").strip().strip(".,;:|")).casefold()
    if not key:
        return None
    return _KNOWN_LOWER.get(key) or WIRES.get(key)


# ---------------------------------------------------------------------------------------------
# URLs
# ---------------------------------------------------------------------------------------------
_MULTI_PART_SUFFIXES = {
    "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "ltd.uk", "plc.uk",
    "com.au", "net.au", "org.au", "edu.au", "gov.au",
    "co.nz", "org.nz", "net.nz", "govt.nz",
    "co.za", "org.za", "gov.za",
    "co.in", "org.in", "gov.in", "net.in",
    "co.jp", "ne.jp", "or.jp", "go.jp", "ac.jp",
    "co.kr", "or.kr", "go.kr",
    "com.cn", "org.cn", "gov.cn",
    "com.hk", "org.hk", "com.tw", "org.tw", "com.sg", "org.sg", "com.my", "org.my",
    "com.ph", "com.pk", "org.pk", "com.bd", "com.np", "com.lk",
    "com.tr", "org.tr", "gov.tr", "org.il", "co.il", "gov.il",
    "com.eg", "com.lb", "com.sa", "com.qa", "com.kw",
    "co.ke", "or.ke", "com.ng", "org.ng", "co.ug", "co.tz", "co.zw", "com.gh",
    "com.br", "org.br", "gov.br", "com.ar", "org.ar", "com.mx", "org.mx", "gob.mx",
    "com.co", "com.pe", "com.ve", "com.uy", "co.cr", "com.jm",
    "gc.ca", "qc.ca", "on.ca", "bc.ca", "ab.ca",
}
_STRIP_PREFIXES = ("www", "www1", "www2", "m", "mobile", "amp", "edition", "eu", "uk", "us",
                   "beta", "en", "english", "rss", "feeds", "web")

# Words domains are made of, for splitting "kelownanow" into "Kelowna Now".
_DOMAIN_WORDS = sorted(
    """news now times post daily herald tribune journal star sun gazette standard express mail
    mirror observer independent guardian chronicle examiner review record online today world
    press media tv radio report wire insider monitor telegraph courier leader bulletin dispatch
    register sentinel globe week weekly magazine info network channel live local national
    global politics policy affairs business finance money tech science health sports sport
    city county state free voice times post view watch update digest beat source hub
    institute center centre foundation council""".split(),
    key=len,
    reverse=True,
)


def _host(url: str) -> str | None:
    url = url.strip()
    if not url:
        return None
    if "://" not in url and not url.startswith("//"):
        url = "//" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.rstrip(".").lower()
    try:
        ipaddress.ip_address(host)
        return None
    except ValueError:
        pass
    if "." not in host:
        return None
    try:
        host = host.encode("ascii").decode("idna") if host.startswith("xn--") else host
    except UnicodeError:
        pass
    return host


def _registrable(host: str) -> tuple[str, str]:
    """(registrable label, public suffix): "news.bbc.co.uk" -> ("bbc", "co.uk")."""
    parts = host.split(".")
    if len(parts) >= 3 and ".".join(parts[-2:]) in _MULTI_PART_SUFFIXES:
        return parts[-3], ".".join(parts[-2:])
    if len(parts) >= 2:
        return parts[-2], parts[-1]
    return parts[0], ""


_LOWER_WORDS = {"and", "of", "the", "for", "on", "in", "at", "to", "a", "de", "la", "le"}
_COMMON_SHORT = {"new", "bay", "sun", "day", "big", "top", "my", "our", "now", "net", "web",
                 "hub", "red", "old", "east", "west", "live", "news", "star", "post", "city",
                 "town", "land", "free", "good", "real", "one", "all", "eye", "sea", "air",
                 "ship", "oil", "gas", "farm", "home", "life", "time", "times", "bunker"}


def _split_words(label: str) -> list[str]:
    """Split a run-together domain label on the news words it ends or starts with."""
    if label in _DOMAIN_WORDS or len(label) <= 4:
        return [label]
    for word in _DOMAIN_WORDS:
        if label.endswith(word) and len(label) - len(word) >= 3:
            return _split_words(label[: -len(word)]) + [word]
    if label.startswith("the") and len(label) > 6:
        return ["the"] + _split_words(label[3:])
    return [label]


_VOWEL = re.compile(r"[aeiouy]")


def readable_domain_name(host: str) -> str | None:
    """A readable name for an unknown domain: "prairiestandard.news" -> "Prairie Standard"."""
    label, _ = _registrable(host.lower())
    label = label.strip("-")
    if not label or label.isdigit():
        return None
    words: list[str] = []
    for chunk in label.split("-"):
        if chunk:
            words.extend(_split_words(chunk))
    if len(words) == 1 and len(words[0]) <= 4 and words[0] not in _COMMON_SHORT:
        return words[0].upper()  # an acronym: "cgai" -> "CGAI", "cnn" -> "CNN"
    out = []
    for i, word in enumerate(words):
        if word in _LOWER_WORDS and i > 0:
            out.append(word)
        elif word in _DOMAIN_WORDS or word in _COMMON_SHORT or word in _LOWER_WORDS:
            out.append(word.capitalize())
        elif len(word) <= 3 or not _VOWEL.search(word):
            out.append(word.upper())
        else:
            out.append(word.capitalize())
    return " ".join(out) or None


def outlet_from_url(url: str) -> str | None:
    """The outlet a URL belongs to: a curated name for known news domains, else a readable one.

    >>> outlet_from_url("https://globalnews.ca/news/2463813/canada-left-out/")
    'Global News'
    >>> outlet_from_url("https://www.kelownanow.com/x")
    'Kelowna Now'
    """
    if not url:
        return None
    host = _host(url)
    if not host:
        return None
    name = _known_host(host)
    if name:
        return name
    return readable_domain_name(host)


def _known_host(host: str) -> str | None:
    parts = host.split(".")
    while parts and parts[0] in _STRIP_PREFIXES and len(parts) > 2:
        candidate = ".".join(parts)
        if candidate in _DOMAINS:
            return _DOMAINS[candidate]
        parts = parts[1:]
    for i in range(len(parts) - 1):
        candidate = ".".join(parts[i:])
        if candidate in _DOMAINS:
            return _DOMAINS[candidate]
    return None


def outlet_is_curated(url: str) -> bool:
    """True when the URL's host is in the curated map (its name is not a guess from the domain)."""
    host = _host(url) if url else None
    return bool(host and _known_host(host))


# ---------------------------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------------------------
_YEAR = r"(?:19|20)\d\d"
_COPYRIGHT_YEAR_FIRST = re.compile(
    rf"(?:©|\(c\)|copyright)\s*(?:{_YEAR}(?:\s*[-–—]\s*{_YEAR})?\s*,?\s*)"
    r"(?P<name>[^\n|©]{2,80}?)\s*(?:[.,|]|\ball rights reserved\b|$)",
    re.IGNORECASE,
)
_COPYRIGHT_NAME_FIRST = re.compile(
    rf"(?:©|\(c\)|copyright)\s*(?P<name>[A-Z][^\n|©\d]{{1,80}}?)\s*,?\s*{_YEAR}\b",
    re.IGNORECASE,
)
_COPYRIGHT_MARK = re.compile(r"©|\(c\)\s*\d|\bcopyright\b", re.IGNORECASE)
_ALL_RIGHTS_RESERVED = re.compile(r"\s*\ball rights reserved\b.*$", re.IGNORECASE)
_LEADING_BY = re.compile(r"^by\s+", re.IGNORECASE)
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"\d")
_LINE_BREAK = re.compile(r"\r\n|\n|\r")
_PAGE_TITLE_SEP = re.compile(r"\s+[|]\s+")
_TITLE_DASH_SEP = re.compile(r"\s+[-–—]\s+")
_SELF_REFERENCE = re.compile(
    r"\b(?:confirmed|said|told|explained|wrote|described|revealed|admitted|acknowledged|"
    r"speaking|spoke|talking|talked|responding|replied|reiterated)\s+(?:this\s+\w+\s+)?"
    r"(?:to|with|in an? (?:email|e-mail|statement|interview) (?:to|with))\s+"
    r"|\bin an? (?:email|e-mail|statement|interview|exclusive interview) (?:to|with)\s+"
    r"|\b(?:told|asked by|obtained by)\s+"
)
_HAS_LEARNED = re.compile(r"\s+(?:has|have)\s+(?:learned|learnt|obtained)\b")
_DESCRIPTORS = re.compile(
    r"^(?:the\s+)?(?:broadcaster|newspaper|news agency|agency|magazine|daily|network|"
    r"station|outlet|public broadcaster|state media|state broadcaster|tabloid|website)\b",
    re.IGNORECASE,
)


def _leading_known_name(text: str) -> str | None:
    """The known outlet name `text` starts with (case-sensitive, whole words), if any."""
    if _DESCRIPTORS.match(text):
        return None
    match = _NAMES_RE.match(text)
    return KNOWN_OUTLETS[match.group(1)] if match else None


def _norm(line: str) -> str:
    # whitespace runs as one space, stripped: `\s` and `str.split()` agree on what whitespace is
    return " ".join(unicodedata.normalize("NFKC", line).split())


def _page_title_outlet(lines: list[str]) -> str | None:
    """ "Headline | Outlet | Tagline" (or "Headline - Outlet") in the first lines of a scrape."""
    head = [ln for ln in lines if ln][:6]
    for line in head:
        parts = [p.strip() for p in _PAGE_TITLE_SEP.split(line) if p.strip()]
        if len(parts) >= 2 and len(parts[0].split()) >= 4:
            for part in parts[1:]:
                known = is_known_outlet_name(part)
                if known:
                    return known
            tail = parts[1]
            if 1 <= len(tail.split()) <= 4 and not _DIGIT.search(tail):
                return tail
        parts = [p.strip() for p in _TITLE_DASH_SEP.split(line) if p.strip()]
        if len(parts) >= 2 and len(parts[0].split()) >= 4:
            known = is_known_outlet_name(parts[-1])
            if known:
                return known
    return None


def _copyright_outlet(lines: list[str]) -> str | None:
    """The holder of the last copyright notice ("© 2002-2022 X", "© X, 2021")."""
    found: str | None = None
    for line in lines:
        if not _COPYRIGHT_MARK.search(line):
            continue
        if len(line.split()) > 20:
            continue
        match = _COPYRIGHT_YEAR_FIRST.search(line) or _COPYRIGHT_NAME_FIRST.search(line)
        if not match:
            continue
        name = match.group("name").strip(" .,;:-–—")
        name = _ALL_RIGHTS_RESERVED.sub("", name).strip()
        name = _LEADING_BY.sub("", name)
        if not name or len(name.split()) > 8 or not _LATIN_LETTER.match(name):
            continue
        found = is_known_outlet_name(name) or name
    return found


def _masthead_outlet(lines: list[str]) -> str | None:
    """A line that is nothing but a known (non-agency) outlet's name, near the top or bottom."""
    nonblank = [ln for ln in lines if ln]
    for line in nonblank[:8] + nonblank[-8:]:
        known = is_known_outlet_name(line)
        if known and canonical_wire(line) is None and known not in WIRES.values():
            return known
    return None


def _self_reference_outlet(text: str) -> str | None:
    """ "confirmed to Global News", "told VICE News", "Global News has learned" → that outlet."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for match in _SELF_REFERENCE.finditer(text):
        name = _leading_known_name(text[match.end(): match.end() + 60].split("\n", 1)[0])
        if name:
            counts[name] += 1
            first.setdefault(name, match.start())
    for match in _HAS_LEARNED.finditer(text):
        words = text[max(0, match.start() - 60): match.start()].rsplit("\n", 1)[-1]
        for known in _NAMES_RE.finditer(words):
            if words.endswith(known.group(1)):
                name = KNOWN_OUTLETS[known.group(1)]
                counts[name] += 1
                first.setdefault(name, match.start())
    if not counts:
        return None
    best = max(counts.values())
    return min((n for n, c in counts.items() if c == best), key=lambda n: first[n])


def outlet_signal(raw: str) -> tuple[str | None, str | None]:
    """(outlet, signal) for a plain-text scrape; signal is "page-title", "copyright",
    "masthead" or "self-reference" (the weakest: "told NPR" may be a third party)."""
    if not raw:
        return None, None
    lines = [_norm(line) for line in _LINE_BREAK.split(raw)]
    for signal, finder in (("page-title", _page_title_outlet), ("copyright", _copyright_outlet),
                           ("masthead", _masthead_outlet)):
        name = finder(lines)
        if name:
            return name, signal
    name = _self_reference_outlet("\n".join(lines))
    return (name, "self-reference") if name else (None, None)


def outlet_from_text(raw: str) -> str | None:
    """The outlet a plain-text scrape shows, or None when it names none.

    Signals, strongest first: a page-title line, a copyright line, a masthead line naming a
    known outlet, the outlet's references to itself ("confirmed to Global News").
    """
    return outlet_signal(raw)[0]
