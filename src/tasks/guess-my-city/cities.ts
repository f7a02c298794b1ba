/**
 * The Guess My City cities: the 100 cities of the reference's `env/global_cities.txt`
 * (`llm_rl_scripts/guess_city/env/`, github.com/abdulhaim/LMRL-Gym; LMRL-Gym paper, §4 and App. C.7),
 * in file order, with the file's own spelling and country, the modern names and spellings that also
 * count as a correct guess (the reference's `global_cities_dict.py` and more), the names that give a
 * city or its country away, and the correct-guess rule of the reference's data generator
 * (`is_done` in `env/generate_cities_data.py`: the question contains the city's name).
 *
 * Seoul, rank 1, is included: the reference's loader starts at line index 2 of a file whose line 0 is a
 * header, so it silently drops Seoul and trains on 99 cities; the paper describes 100.
 *
 * @example
 * findCity("Mumbai")?.name;                          // "Bombay"
 * isCorrectCityGuess(findCity("Bombay")!, "Is it Mumbai?");   // true
 * isCorrectCityGuess(findCity("Salvador")!, "Is it in El Salvador?"); // false
 */

/** ISO 3166-1 alpha-2 codes of the 38 countries of the city list (Taiwan as TW, see `CITY_LIST`). */
export type CountryCode =
  | "KR" | "BR" | "IN" | "ID" | "PK" | "RU" | "TR" | "MX" | "CN" | "JP" | "US" | "TH" | "GB" | "HK" | "EG" | "IR" | "CO" | "PE" | "CL"
  | "AU" | "SG" | "IQ" | "BD" | "DE" | "VN" | "AR" | "MA" | "ES" | "KP" | "CD" | "IT" | "TW" | "UA" | "MM" | "CA" | "ET" | "CU" | "FR"
  | "UZ" | "EC" | "RO" | "PH" | "CI" | "HU" | "VE";

/** One hidden city. */
export interface City {
  /** The name as `global_cities.txt` spells it ("Bombay", "Kinshaha", "Havanna"): the city's id. */
  readonly name: string;
  /** The country as the file writes it ("USA", "Ethopia", "Cote d’Ivorie"). */
  readonly fileCountry: string;
  /** The file's rank (1..100); `CITIES[rank - 1]`. */
  readonly rank: number;
  /** The file's population figure (people). */
  readonly filePopulation: number;
  /** The country the knowledge base answers for (Hong Kong as HK, a region of China; Taipei as TW, see the README). */
  readonly country: CountryCode;
  /** The usual modern English name, used when the oracle confirms a guess made with the file's spelling. */
  readonly display: string;
  /** Every name that counts as a correct guess (the file's name and `display` included), case as written. */
  readonly names: readonly string[];
  /** Acronyms matched case-sensitively ("NYC", "LA"), also correct guesses. */
  readonly acronyms: readonly string[];
  /** Words for the city's people or things that give it away ("Parisian", "Muscovite"): never said unless guessed. */
  readonly demonyms: readonly string[];
  /** Phrases containing a name that are NOT a guess of this city ("El Salvador" for Salvador). */
  readonly notGuesses: readonly string[];
}

/**
 * One line per city in file order: `rank; file name; file country; population; country code; display
 * name; other names (|); acronyms (|); demonyms (|); not-guesses (|)`.
 */
const CITY_LINES = `
1;Seoul;South Korea;10231000;KR;Seoul;Soul;;Seoulite;
2;Sao Paulo;Brazil;10009000;BR;São Paulo;Sao Paulo|São Paolo|San Paolo|San Paulo|São Pãulo|Sampa;;Paulistano|Paulistana;
3;Bombay;India;9925000;IN;Mumbai;Bombay|Bumbay;;Mumbaikar|Bombayite;
4;Jakarta;Indonesia;9373000;ID;Jakarta;Djakarta|Batavia;;Jakartan;
5;Karachi;Pakistan;9339000;PK;Karachi;Kurrachee;;Karachiite;
6;Moscow;Russia;8297000;RU;Moscow;Moskva|Moskau|Moscou;;Muscovite|Muscovites;
7;Istanbul;Turkey;8260000;TR;Istanbul;İstanbul|Constantinople|Stamboul|Byzantium;;Istanbulite;
8;Mexico City;Mexico;8235000;MX;Mexico City;Ciudad de Mexico|Ciudad de México|Mexico D.F.|México D.F.|Mexico DF;CDMX;Chilango|Chilangos;
9;Shanghai;China;8214000;CN;Shanghai;Shang hai;;Shanghainese;
10;Tokyo;Japan;8130000;JP;Tokyo;Tōkyō|Tokio|Edo;;Tokyoite;
11;New York;USA;8008000;US;New York;New York City|Big Apple;NYC|N.Y.C.;New Yorker|New Yorkers;
12;Bangkok;Thailand;7506700;TH;Bangkok;Krung Thep;;Bangkokian;
13;Beijing;China;7362000;CN;Beijing;Běijīng|Peking|Peiping|Pekin;;Beijinger|Pekingese;
14;Delhi;India;7206000;IN;Delhi;New Delhi|Dilli;;Delhiite|Dilliwala;
15;London;UK;7074000;GB;London;Londres|Londinium;;Londoner|Londoners|Cockney;
16;Hong Kong;China;6843000;HK;Hong Kong;Hongkong|Heung Gong|Xianggang;HK|HKSAR;Hongkonger|Hongkongers;
17;Cairo;Egypt;6800000;EG;Cairo;Al Qahirah|Le Caire|Kairo;;Cairene;
18;Tehran;Iran;6758000;IR;Tehran;Teheran;;Tehrani;
19;Bogota;Colombia;6422000;CO;Bogotá;Bogota|Santa Fe de Bogota|Santa Fe de Bogotá;;Bogotano|Rolo;
20;Bandung;Indonesia;5919000;ID;Bandung;Bandoeng;;Bandungese;
21;Tianjin;China;5855000;CN;Tianjin;Tiānjīn|Tientsin;;;
22;Lima;Peru;5681000;PE;Lima;;;Limeño|Limeña|Limeno;
23;Rio de Janeiro;Brazil;5613000;BR;Rio de Janeiro;Rio;;Carioca|Cariocas;rio de la|rio grande|rio negro|rio bravo|rio branco|rio do|rio das|rio sao|rio san
24;Lahore;Pakistan;5143000;PK;Lahore;;;Lahori;
25;Bogor;Indonesia;5000000;ID;Bogor;Buitenzorg;;;
26;Santiago;Chile;4788000;CL;Santiago;Santiago de Chile;;Santiaguino;santiago de cuba|santiago de compostela|santiago de cali|santiago de queretaro|santiago de los caballeros|santiago bernabeu
27;St Petersburg;Russia;4678000;RU;Saint Petersburg;Saint Petersburg|St. Petersburg|Sankt Peterburg|Sankt-Peterburg|Petersburg|Leningrad|Petrograd;;Petersburger|Leningrader;
28;Shenyang;China;4669000;CN;Shenyang;Shěnyáng|Mukden;;;
29;Calcutta;India;4399000;IN;Kolkata;Calcutta;;Calcuttan;
30;Wuhan;China;4040000;CN;Wuhan;Wǔhàn|Hankow;;;
31;Sydney;Australia;4031000;AU;Sydney;;;Sydneysider|Sydneysiders;
32;Guangzhou;China;3935000;CN;Guangzhou;Canton|Kwangchow;;;
33;Singapore;Singapore;3894000;SG;Singapore;Singapura;;;
34;Madras;India;3841000;IN;Chennai;Madras;;Chennaiite|Madrasi;
35;Baghdad;Iraq;3841000;IQ;Baghdad;Bagdad;;Baghdadi;
36;Pusan;South Korea;3814000;KR;Busan;Pusan;;;
37;Los Angeles;USA;3694000;US;Los Angeles;City of Angels;LA|L.A.;Angeleno|Angelenos;
38;Yokohama;Japan;3426000;JP;Yokohama;;;;
39;Dhaka;Bangladesh;3397000;BD;Dhaka;Dacca;;Dhakaite;
40;Berlin;Germany;3386000;DE;Berlin;;;Berliner|Berliners;
41;Alexandria;Egypt;3339000;EG;Alexandria;Iskandariya|El Iskandariya|Alexandrie;;Alexandrian;
42;Bangalore;India;3302000;IN;Bengaluru;Bangalore;;Bangalorean;
43;Malang;Indonesia;3173000;ID;Malang;;;;
44;Hyderabad;India;3145000;IN;Hyderabad;;;Hyderabadi;
45;Chongqing;China;3127000;CN;Chongqing;Chungking;;;
46;Ho Chi Minh City;Vietnam;3015000;VN;Ho Chi Minh City;Ho Chi Minh|Saigon|Sai Gon|Sài Gòn|Thanh pho Ho Chi Minh;HCMC;Saigonese;
47;Haerbin;China;2990000;CN;Harbin;Haerbin;;;
48;Ankara;Turkey;2984000;TR;Ankara;Angora;;;
49;Buenos Aires;Argentina;2965000;AR;Buenos Aires;;;Porteño|Porteños|Porteno;
50;Chengdu;China;2954000;CN;Chengdu;Chéngdū;;;
51;Ahmedabad;India;2954000;IN;Ahmedabad;Amdavad;;;
52;Casablanca;Morocco;2943000;MA;Casablanca;Dar el Beida|Dar al-Bayda;;Casablancan;
53;Chicago;USA;2896000;US;Chicago;Windy City|Chi-Town;;Chicagoan|Chicagoans;
54;Xian;China;2872000;CN;Xi'an;Xian|Xī'ān|Sian|Chang'an;;;
55;Madrid;Spain;2823000;ES;Madrid;;;Madrileño|Madrileña|Madrileno|Madrilene;
56;Surabaya;Indonesia;2801000;ID;Surabaya;Soerabaja;;;
57;Pyong Yang;North Korea;2741000;KP;Pyongyang;Pyong Yang;;;
58;Nanjing;China;2678000;CN;Nanjing;Nanking;;;
59;Kinshaha;Congo;2664000;CD;Kinshasa;Kinshaha|Leopoldville|Léopoldville;;Kinois;
60;Rome;Italy;2648000;IT;Rome;Roma;;Roman|Romans;
61;Taipei;China;2640000;TW;Taipei;Taibei|Taihoku;;;
62;Osaka;Japan;2598000;JP;Osaka;Ōsaka;;;
63;Kiev;Ukraine;2589000;UA;Kyiv;Kiev|Kiew|Kyjiw;;Kyivan|Kievan;
64;Yangon;Myanmar;2513000;MM;Yangon;Rangoon;;;
65;Toronto;Canada;2500000;CA;Toronto;;;Torontonian|Torontonians;
66;Zibo;China;2484000;CN;Zibo;;;;
67;Dalian;China;2483000;CN;Dalian;Dairen|Port Arthur;;;
68;Taega;South Korea;2449000;KR;Daegu;Taega|Taegu;;;
69;Addis Ababa;Ethopia;2424000;ET;Addis Ababa;Addis|Finfinne;;;
70;Jinan;China;2403000;CN;Jinan;Tsinan;;;
71;Salvador;Brazil;2331000;BR;Salvador;Salvador da Bahia|Salvador de Bahia|Sao Salvador;;Soteropolitano;el salvador
72;Inchon;South Korea;2308000;KR;Incheon;Inchon|Chemulpo;;;
73;Semarang;Indonesia;2221000;ID;Semarang;;;;
74;Giza;Egypt;2221000;EG;Giza;Gizeh|El Giza;;;
75;Changchun;China;2192000;CN;Changchun;Hsinking;;;
76;Havanna;Cuba;2192000;CU;Havana;Havanna|La Habana|Habana;;Habanero|Habaneros;
77;Nagoya;Japan;2171000;JP;Nagoya;;;;
78;Belo Horizonte;Brazil;2154000;BR;Belo Horizonte;Beagá;BH;;
79;Paris;France;2152000;FR;Paris;Lutetia;;Parisian|Parisians|Parisien|Parisienne;
80;Tashkent;Uzbekistan;2142000;UZ;Tashkent;Toshkent;;;
81;Fortaleza;Brazil;2139000;BR;Fortaleza;;;;
82;Sukabumi;Indonesia;2137000;ID;Sukabumi;;;;
83;Cali;Colombia;2128000;CO;Cali;Santiago de Cali;;Caleño|Caleña|Caleno;
84;Guayaquil;Ecuador;2117000;EC;Guayaquil;;;Guayaquileño;
85;Qingdao;China;2101000;CN;Qingdao;Tsingtao|Tsingtau;;;
86;Izmir;Turkey;2081000;TR;Izmir;İzmir|Smyrna;;;
87;Cirebon;Indonesia;2080000;ID;Cirebon;Cheribon;;;
88;Taiyuan;China;2051000;CN;Taiyuan;;;;
89;Brasilia;Brazil;2016000;BR;Brasília;Brasilia;;;
90;Bucuresti;Romania;2016000;RO;Bucharest;Bucuresti|București|Bukarest|Bucarest;;;
91;Faisalabad;Pakistan;2008000;PK;Faisalabad;Lyallpur;;;
92;Quezon City;Philippines;1989000;PH;Quezon City;Lungsod Quezon;;;
93;Medan;Indonesia;1988000;ID;Medan;;;;
94;Houston;USA;1953000;US;Houston;;;Houstonian|Houstonians;
95;Abidjan;Cote d’Ivorie;1929000;CI;Abidjan;;;Abidjanais;
96;Mashhad;Iran;1887000;IR;Mashhad;Meshed|Mashad;;;
97;Medellin;Colombia;1885000;CO;Medellín;Medellin;;Paisa|Paisas;
98;Kanpur;India;1879000;IN;Kanpur;Cawnpore;;;
99;Budapest;Hungary;1825000;HU;Budapest;;;;
100;Caracas;Venezuela;1823000;VE;Caracas;;;Caraqueño;
`;

function parseCities(text: string): City[] {
  const out: City[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const f = line.split(";");
    if (f.length !== 10) throw new Error(`cities.ts: line "${line}" has ${f.length} fields, expected 10`);
    const list = (s: string) => (s ? s.split("|") : []);
    const [rank, name, fileCountry, pop, country, display, others, acronyms, demonyms, notGuesses] = f;
    const names = [...new Set([name, display, ...list(others)])];
    out.push(Object.freeze({
      name, fileCountry, rank: Number(rank), filePopulation: Number(pop), country: country as CountryCode, display,
      names: Object.freeze(names), acronyms: Object.freeze(list(acronyms)), demonyms: Object.freeze(list(demonyms)),
      notGuesses: Object.freeze(list(notGuesses)),
    }));
  }
  out.forEach((c, i) => {
    if (c.rank !== i + 1) throw new Error(`cities.ts: ${c.name} has rank ${c.rank} at position ${i + 1}`);
  });
  return out;
}

/** All 100 cities in the file's order (`CITIES[0]` is Seoul, `CITIES[99]` Caracas). */
export const CITIES: readonly City[] = Object.freeze(parseCities(CITY_LINES));

// ───────────────────────────── text normalisation ─────────────────────────────

/**
 * The form every name and question is compared in: Unicode-decomposed with the accents dropped
 * ("São" → "sao", "İzmir" → "izmir"), lower case, apostrophes removed ("Xi'an" → "xian"), every other
 * character that is not a letter or digit a space, spaces collapsed; padded with one space at each
 * end so that " name " is a whole-word match.
 *
 * @example
 * normalizeText("Is it São Paulo?!"); // " is it sao paulo "
 */
export function normalizeText(s: string): string {
  const folded = s.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase().replace(/ı/g, "i");
  const cleaned = folded.replace(/['’‘`ʼ]/g, "").replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  return ` ${cleaned} `;
}

/** A whole-word (space-bounded) test for a normalised phrase inside normalised text. */
export function hasPhrase(normText: string, normPhrase: string): boolean {
  return normText.includes(` ${normPhrase.trim()} `);
}

/** Case-sensitive acronym test on raw text: "LA" matches "Is it LA?" but not "la" or "LAX". */
function hasAcronym(raw: string, acronym: string): boolean {
  const esc = acronym.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{N}])${esc}(?![\\p{L}\\p{N}])`, "u").test(raw);
}

interface GuessMatcher {
  readonly names: readonly { norm: string; shown: string }[];
  readonly notGuesses: readonly string[];
}

const MATCHERS = new Map<City, GuessMatcher>();
for (const c of CITIES) {
  const seen = new Set<string>();
  const names: { norm: string; shown: string }[] = [];
  for (const n of c.names) {
    const norm = normalizeText(n).trim();
    if (norm && !seen.has(norm)) {
      seen.add(norm);
      names.push({ norm, shown: n });
    }
  }
  // Longest first, so "ho chi minh city" is reported before "ho chi minh".
  names.sort((a, b) => b.norm.length - a.norm.length);
  MATCHERS.set(c, { names, notGuesses: c.notGuesses.map((p) => normalizeText(p).trim()) });
}

/**
 * The name of `city` that `question` uses (the display spelling of that name), or undefined. A name
 * counts when it appears as whole words after {@link normalizeText} (so accents, case and punctuation
 * do not matter: "SAO PAULO", "são paulo?", "Xi'an", "xian"), or an acronym appears in its exact case
 * ("NYC", "LA"); occurrences inside a listed not-guess phrase ("El Salvador" for Salvador, "Río de la
 * Plata" for Rio) do not count.
 *
 * @example
 * cityNamedIn(findCity("Calcutta")!, "Is your city Kolkata?"); // "Kolkata"
 */
export function cityNamedIn(city: City, question: string): string | undefined {
  if (typeof question !== "string" || question.length === 0) return undefined;
  const m = MATCHERS.get(city);
  if (!m) return undefined;
  let norm = normalizeText(question);
  for (const p of m.notGuesses) norm = norm.split(` ${p} `).join("  ");
  for (const n of m.names) if (norm.includes(` ${n.norm} `)) return n.shown;
  for (const a of city.acronyms) if (hasAcronym(question, a)) return a;
  return undefined;
}

/**
 * The correct-guess rule: the question names the hidden city (any of its names, see
 * {@link cityNamedIn}). This is the rule of the reference's data generator (`is_done` in
 * `env/generate_cities_data.py`: the lower-cased city name occurs in the lower-cased question), made
 * whole-word ("Romeo" does not guess Rome, "California" does not guess Cali) and extended to the
 * modern names. As there, any question that names the city counts, whatever its form ("Is it Paris
 * or Rome?" guesses both).
 *
 * @example
 * isCorrectCityGuess(findCity("Kiev")!, "Is the city you are from Kyiv?"); // true
 */
export function isCorrectCityGuess(city: City, question: string): boolean {
  return cityNamedIn(city, question) !== undefined;
}

const BY_NAME = new Map<string, City>();
for (const c of CITIES) {
  for (const n of c.names) {
    const k = normalizeText(n).trim();
    const prev = BY_NAME.get(k);
    if (prev && prev !== c) throw new Error(`cities.ts: name "${n}" belongs to both ${prev.name} and ${c.name}`);
    BY_NAME.set(k, c);
  }
}

/**
 * The city one of whose names is exactly `name` (case, accents and punctuation ignored), or undefined.
 *
 * @example
 * findCity("kyiv")?.name;     // "Kiev"
 * findCity("Sao Paulo")?.display; // "São Paulo"
 */
export function findCity(name: string): City | undefined {
  if (typeof name !== "string") return undefined;
  return BY_NAME.get(normalizeText(name).trim());
}

/** The reference's target string for a city, as its loader builds it: `" Sao Paulo".capitalize()[1:]` etc. ("sao paulo,brazil"). */
export function referenceWord(city: City): string {
  const pyCapitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
  return `${pyCapitalize(" " + city.name).slice(1)},${pyCapitalize(" " + city.fileCountry).slice(1)}`;
}
